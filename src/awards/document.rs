//! A decision as a document a clerk prints and has signed (`GET /decisions/{id}.docx`): the
//! layout of administrative documents of Decree 30/2020 (Appendix I): the issuing body and the
//! number on the left, the national motto and the place and date on the right, the title,
//! the signer's authority, the legal basis, the articles, the recipients and the signature
//! block; then the annex, a numbered list of the recipients with their names of the day, the
//! award and its reward money. A4, Times New Roman 13–14 pt, margins of 20/20/30/15 mm.

use std::io::Cursor;

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};

/// One line of the annex.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// The name on the day of the decision.
    pub name: String,
    /// The unit of a person, or the parent of a collective.
    pub unit: Option<String>,
    pub award: String,
    pub collective: bool,
    pub amount: Option<i64>,
}

/// What the document says.
#[derive(Debug, Clone)]
pub struct DecisionDocument {
    /// The body that issues it, e.g. "Ủy ban nhân dân tỉnh Hà Nam".
    pub issuer: String,
    /// The body above it, if any (cơ quan chủ quản).
    pub issuer_parent: Option<String>,
    pub number: String,
    /// Where it is signed, e.g. "Hà Nam".
    pub place: String,
    pub signed_on: NaiveDate,
    pub signer_name: String,
    pub signer_title: String,
    pub recipients: Vec<Recipient>,
}

/// mm to twips.
fn mm(v: i32) -> i32 {
    v * 1440 * 10 / 254
}

fn text(t: &str) -> Run {
    Run::new().add_text(t)
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

fn justified(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Both)
}

/// "ngày 28 tháng 01 năm 2021" (days and months below 10 with a leading zero for 1 and 2, as
/// Decree 30/2020 asks; written with two digits here for all).
pub fn long_date(d: NaiveDate) -> String {
    format!(
        "ngày {:02} tháng {:02} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

/// Money in đồng with dots between thousands: 11.920.000.
pub fn dong(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The legal basis in force on the signing day.
fn basis(on: NaiveDate) -> Vec<&'static str> {
    let law_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;";
    if on >= NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or(on) {
        vec![
            law_2022,
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        ]
    } else if on >= NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(on) {
        vec![
            law_2022,
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        ]
    } else {
        vec![
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        ]
    }
}

fn borderless(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    Table::new(rows).set_grid(widths).clear_all_border()
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The awards conferred, grouped for Article 1: "Bằng khen của … cho 02 tập thể và 01 cá nhân".
fn summary(recipients: &[Recipient]) -> Vec<String> {
    let mut awards: Vec<String> = Vec::new();
    for r in recipients {
        if !awards.contains(&r.award) {
            awards.push(r.award.clone());
        }
    }
    awards
        .into_iter()
        .map(|award| {
            let of = recipients.iter().filter(|r| r.award == award);
            let collectives = of.clone().filter(|r| r.collective).count();
            let individuals = of.filter(|r| !r.collective).count();
            let mut parts = Vec::new();
            if collectives > 0 {
                parts.push(format!("{collectives:02} tập thể"));
            }
            if individuals > 0 {
                parts.push(format!("{individuals:02} cá nhân"));
            }
            format!("{award} cho {}", parts.join(" và "))
        })
        .collect()
}

/// The DOCX of `d`.
pub fn build(d: &DecisionDocument) -> Result<Vec<u8>, docx_rs::DocxError> {
    let upper = |s: &str| s.to_uppercase();
    let total: i64 = d.recipients.iter().filter_map(|r| r.amount).sum();
    // The heading: body and number | motto and date.
    let mut left = Vec::new();
    if let Some(parent) = &d.issuer_parent {
        left.push(centered(text(&upper(parent)).size(26)));
    }
    left.push(centered(text(&upper(&d.issuer)).bold().size(26)));
    left.push(centered(text(&format!("Số: {}", d.number)).size(26)));
    let right = vec![
        centered(text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold().size(24)),
        centered(text("Độc lập - Tự do - Hạnh phúc").bold().size(26)),
        centered(
            text(&format!("{}, {}", d.place, long_date(d.signed_on)))
                .italic()
                .size(26),
        ),
    ];
    let heading = borderless(
        vec![TableRow::new(vec![cell(left, 3800), cell(right, 5400)])],
        vec![3800, 5400],
    );

    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(20))
                .bottom(mm(20))
                .left(mm(30))
                .right(mm(15)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(28)
        .add_table(heading)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text("QUYẾT ĐỊNH").bold()))
        .add_paragraph(centered(text("Về việc khen thưởng").bold()))
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text(&upper(&d.signer_title)).bold()));
    for line in basis(d.signed_on) {
        docx = docx.add_paragraph(justified(text(line).italic()));
    }
    docx = docx
        .add_paragraph(justified(
            text("Xét đề nghị của Trưởng ban Thi đua - Khen thưởng,").italic(),
        ))
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text("QUYẾT ĐỊNH:").bold()));
    let awards = summary(&d.recipients).join("; ");
    docx = docx
        .add_paragraph(justified(
            Run::new()
                .add_text("Điều 1. ")
                .bold()
                .add_text(""),
        ).add_run(text(&format!(
            "Tặng {awards} có thành tích xuất sắc, có tên trong danh sách kèm theo."
        ))))
        .add_paragraph(justified(text("Điều 2. ").bold()).add_run(text(&format!(
            "Tiền thưởng theo quy định là {} đồng (kèm theo danh sách), chi từ Quỹ thi đua, khen thưởng.",
            dong(total)
        ))))
        .add_paragraph(justified(text("Điều 3. ").bold()).add_run(text(
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        )))
        .add_paragraph(Paragraph::new());
    let recipients = vec![
        Paragraph::new().add_run(text("Nơi nhận:").bold().italic().size(24)),
        Paragraph::new().add_run(text("- Như Điều 3;").size(22)),
        Paragraph::new().add_run(text("- Lưu: VT, TĐKT.").size(22)),
    ];
    let signature = vec![
        centered(text(&upper(&d.signer_title)).bold()),
        centered(text("(Ký, ghi rõ họ tên và đóng dấu)").italic().size(24)),
        Paragraph::new(),
        Paragraph::new(),
        Paragraph::new(),
        centered(text(&d.signer_name).bold()),
    ];
    docx = docx.add_table(borderless(
        vec![TableRow::new(vec![
            cell(recipients, 4600),
            cell(signature, 4600),
        ])],
        vec![4600, 4600],
    ));

    // The annex, on a page of its own.
    docx = docx
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        .add_paragraph(centered(text("DANH SÁCH KHEN THƯỞNG").bold()))
        .add_paragraph(centered(
            text(&format!(
                "(Kèm theo Quyết định số {} {} của {})",
                d.number,
                long_date(d.signed_on),
                d.issuer
            ))
            .italic(),
        ))
        .add_paragraph(Paragraph::new());
    let widths = vec![700, 3300, 2400, 1800, 1500];
    let head = [
        "STT",
        "Tập thể, cá nhân",
        "Đơn vị",
        "Hình thức",
        "Tiền thưởng (đồng)",
    ];
    let mut rows = vec![TableRow::new(
        head.iter()
            .zip(&widths)
            .map(|(h, w)| cell(vec![centered(text(h).bold().size(24))], *w))
            .collect(),
    )];
    for (i, r) in d.recipients.iter().enumerate() {
        let values = [
            (i + 1).to_string(),
            r.name.clone(),
            r.unit.clone().unwrap_or_default(),
            r.award.clone(),
            r.amount.map(dong).unwrap_or_default(),
        ];
        rows.push(TableRow::new(
            values
                .iter()
                .zip(&widths)
                .map(|(v, w)| cell(vec![Paragraph::new().add_run(text(v).size(24))], *w))
                .collect(),
        ));
    }
    rows.push(TableRow::new(vec![
        cell(
            vec![Paragraph::new().add_run(text("Tổng cộng").bold().size(24))],
            8200,
        )
        .grid_span(4),
        cell(
            vec![Paragraph::new().add_run(text(&dong(total)).bold().size(24))],
            1500,
        ),
    ]));
    docx = docx.add_table(Table::new(rows).set_grid(widths));

    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out)?;
    Ok(out.into_inner())
}

/// The document of decision `id` as `viewer` may read it: awards to persons are listed only
/// for viewers who may see persons, as everywhere else. `None` when there is no such
/// decision.
pub async fn of_decision<C: sea_orm::ConnectionTrait>(
    db: &C,
    viewer: &crate::access::Viewer,
    id: i32,
) -> crate::error::AppResult<Option<DecisionDocument>> {
    use entity::{award, award_type, decision, person, province, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let Some(d) = decision::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(issuer) = unit::Entity::find_by_id(d.issuer_unit_id).one(db).await? else {
        return Ok(None);
    };
    let parent = match issuer.parent_id {
        Some(p) => unit::Entity::find_by_id(p).one(db).await?.map(|u| u.name),
        None => None,
    };
    let place = match issuer.province_id {
        Some(p) => province::Entity::find_by_id(p)
            .one(db)
            .await?
            .map_or_else(|| "Hà Nội".to_owned(), |p| p.name),
        None => "Hà Nội".to_owned(),
    };
    let rows = crate::access::award_scope(viewer)
        .apply(award::Entity::find().filter(award::Column::DecisionId.eq(d.id)))
        .order_by_asc(award::Column::Id)
        .all(db)
        .await?;
    let types = award_type::Entity::find().all(db).await?;
    let mut recipients = Vec::new();
    for a in rows {
        let unit_of = match (a.recipient_person_id, a.recipient_unit_id) {
            (Some(p), _) => match person::Entity::find_by_id(p).one(db).await? {
                Some(p) => unit::Entity::find_by_id(p.unit_id).one(db).await?,
                None => None,
            },
            (None, Some(u)) => match unit::Entity::find_by_id(u).one(db).await? {
                Some(u) => match u.parent_id {
                    Some(parent) => unit::Entity::find_by_id(parent).one(db).await?,
                    None => None,
                },
                None => None,
            },
            (None, None) => None,
        };
        recipients.push(Recipient {
            name: a.recipient_name.clone(),
            unit: unit_of.map(|u| u.name),
            award: types
                .iter()
                .find(|t| t.id == a.award_type_id)
                .map_or_else(String::new, |t| t.name.clone()),
            collective: a.recipient_unit_id.is_some(),
            amount: a.amount,
        });
    }
    Ok(Some(DecisionDocument {
        issuer: issuer.name,
        issuer_parent: parent,
        number: d.number,
        place,
        signed_on: d.signed_on,
        signer_name: d.signer_name,
        signer_title: d.signer_title,
        recipients,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_dates_are_written_as_vietnamese_documents_write_them() {
        assert_eq!(dong(17_880_000), "17.880.000");
        assert_eq!(dong(450_000), "450.000");
        assert_eq!(dong(0), "0");
        let day = NaiveDate::from_ymd_opt(2021, 1, 28).unwrap();
        assert_eq!(long_date(day), "ngày 28 tháng 01 năm 2021");
    }

    #[test]
    fn the_document_is_a_docx_with_its_text() {
        let doc = DecisionDocument {
            issuer: "Ủy ban nhân dân tỉnh Hà Nam".into(),
            issuer_parent: None,
            number: "163/QĐ-UBND".into(),
            place: "Hà Nam".into(),
            signed_on: NaiveDate::from_ymd_opt(2021, 1, 28).unwrap(),
            signer_name: "Nguyễn Văn A".into(),
            signer_title: "Chủ tịch Ủy ban nhân dân tỉnh".into(),
            recipients: vec![Recipient {
                name: "Sở Công Thương tỉnh Hà Nam".into(),
                unit: None,
                award: "Cờ thi đua cấp tỉnh".into(),
                collective: true,
                amount: Some(11_920_000),
            }],
        };
        let bytes = build(&doc).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        for wanted in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 163/QĐ-UBND",
            "Hà Nam, ngày 28 tháng 01 năm 2021",
            "Cờ thi đua cấp tỉnh cho 01 tập thể",
            "11.920.000",
            "Nghị định số 91/2017/NĐ-CP",
        ] {
            assert!(xml.contains(wanted), "{wanted}");
        }
    }
}
