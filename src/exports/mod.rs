//! Exports as spreadsheets: awards, decisions, nominations, rankings and statistics as XLSX
//! or CSV with Vietnamese headers, for `GET /exports/…` and `thidua export`.
//!
//! Each export runs the matching GraphQL query as the viewer, page by page, so it sees
//! exactly what that query shows the viewer (persons' awards only for those who may see
//! persons, nominations only within the viewer's scope), and flattens the answer into rows.

use serde_json::Value;

use crate::error::{AppError, AppResult};

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Awards,
    Decisions,
    Nominations,
    Rankings,
    Statistics,
}

impl Export {
    pub const ALL: [Export; 5] = [
        Export::Awards,
        Export::Decisions,
        Export::Nominations,
        Export::Rankings,
        Export::Statistics,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Export::Awards => "awards",
            Export::Decisions => "decisions",
            Export::Nominations => "nominations",
            Export::Rankings => "rankings",
            Export::Statistics => "statistics",
        }
    }

    pub fn by_name(name: &str) -> Option<Export> {
        Export::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// The parameters an export takes (from the query string or the command line).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Params {
    pub province: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<String>,
}

/// A table to write: headers and rows of cells.
#[derive(Debug, Default)]
pub struct Table {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Number(i64),
    Float(f64),
    Empty,
}

impl Cell {
    fn of(value: &Value) -> Cell {
        match value {
            Value::Null => Cell::Empty,
            Value::String(s) => Cell::Text(s.clone()),
            Value::Bool(b) => Cell::Text(if *b { "Có" } else { "Không" }.to_owned()),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Cell::Number(i),
                None => Cell::Float(n.as_f64().unwrap_or_default()),
            },
            other => Cell::Text(other.to_string()),
        }
    }
}

/// Runs one GraphQL query with variables and answers its `data` (errors are refusals).
pub trait Executor {
    fn execute(
        &self,
        query: &'static str,
        variables: Value,
    ) -> impl std::future::Future<Output = AppResult<Value>> + Send;
}

/// Runs queries on the schema directly, as `viewer` (the command line's console).
pub struct Direct {
    pub schema: crate::api::schema::ThiduaSchema,
    pub db: crate::db::Db,
    pub viewer: crate::access::Viewer,
}

impl Executor for Direct {
    async fn execute(&self, query: &'static str, variables: Value) -> AppResult<Value> {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(self.db.clone())
            .data(self.viewer.clone())
            .data(crate::api::loaders::Loaders::new(&self.db));
        let response = self.schema.execute(request).await;
        if let Some(error) = response.errors.first() {
            let message = error.message.clone();
            return Err(AppError::bad_input(crate::i18n::Text::new(
                message.clone(),
                message,
            )));
        }
        Ok(response.data.into_json().unwrap_or(Value::Null))
    }
}

const PAGE: i64 = 100;

const AWARDS: &str =
    "query($f: AwardFilter, $after: String) { page: awards(filter: $f, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { awardType { name } year kind revoked amount
    recipient { __typename ... on Person { fullName unit { name } } ... on Unit { name } }
    decision { number signedOn issuer { name } } } } }";

const DECISIONS: &str = "query($f: DecisionFilter, $after: String) { page: decisions(filter: $f, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { number signedOn issuer { name } signerName signerTitle totalAmount awards { year } } } }";

const NOMINATIONS: &str = "query($f: NominationFilter, $after: String) { page: nominations(filter: $f, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { awardType { name } year status
    recipient { __typename ... on Person { fullName unit { name } } ... on Unit { name } }
    proposedBy { name } } } }";

const RANKINGS: &str =
    "query($year: Int!, $province: String) { rankings(year: $year, provinceCode: $province) {
  year cluster { name } ranking { rank unit { name } totalPoints proposedAward { name } } } }";

const STATISTICS: &str = "query($f: StatisticsFilter) { statistics(filter: $f) {
  byAwardType { awardType { name } count amount } } }";

fn recipient(value: &Value) -> (Cell, Cell, Cell) {
    match value["__typename"].as_str() {
        Some("Person") => (
            Cell::Text("Cá nhân".into()),
            Cell::of(&value["fullName"]),
            Cell::of(&value["unit"]["name"]),
        ),
        Some("Unit") => (
            Cell::Text("Tập thể".into()),
            Cell::of(&value["name"]),
            Cell::of(&value["name"]),
        ),
        _ => (Cell::Empty, Cell::Empty, Cell::Empty),
    }
}

/// Every node of a paged query.
async fn pages(
    executor: &impl Executor,
    query: &'static str,
    filter: Value,
) -> AppResult<Vec<Value>> {
    let mut nodes = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = executor
            .execute(query, serde_json::json!({ "f": filter, "after": after }))
            .await?;
        let page = &data["page"];
        nodes.extend(page["nodes"].as_array().cloned().unwrap_or_default());
        if page["pageInfo"]["hasNextPage"] != true || nodes.len() as i64 > 1_000_000 / PAGE * PAGE {
            return Ok(nodes);
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

/// Builds the table of `export`.
pub async fn table(executor: &impl Executor, export: Export, params: &Params) -> AppResult<Table> {
    let numbered = |rows: Vec<Vec<Cell>>| -> Vec<Vec<Cell>> {
        rows.into_iter()
            .enumerate()
            .map(|(i, mut row)| {
                row.insert(0, Cell::Number(i as i64 + 1));
                row
            })
            .collect()
    };
    Ok(match export {
        Export::Awards => {
            let filter = serde_json::json!({ "provinceCode": params.province, "unitCode": params.unit,
                                             "year": params.year, "includeRevoked": true });
            let rows = pages(executor, AWARDS, filter)
                .await?
                .iter()
                .map(|a| {
                    let (kind, name, unit) = recipient(&a["recipient"]);
                    vec![
                        Cell::of(&a["awardType"]["name"]),
                        Cell::of(&a["year"]),
                        kind,
                        name,
                        unit,
                        Cell::of(&a["decision"]["number"]),
                        Cell::of(&a["decision"]["signedOn"]),
                        Cell::of(&a["decision"]["issuer"]["name"]),
                        Cell::of(&a["kind"]),
                        Cell::of(&a["amount"]),
                        Cell::of(&a["revoked"]),
                    ]
                })
                .collect();
            Table {
                title: "Danh sách khen thưởng".into(),
                headers: vec![
                    "STT",
                    "Hình thức khen thưởng",
                    "Năm",
                    "Đối tượng",
                    "Tên cá nhân, tập thể",
                    "Đơn vị",
                    "Số quyết định",
                    "Ngày ký",
                    "Cơ quan ban hành",
                    "Loại hình khen thưởng",
                    "Tiền thưởng (đồng)",
                    "Đã hủy",
                ],
                rows: numbered(rows),
            }
        }
        Export::Decisions => {
            let (from, to) = match params.year {
                Some(y) => (Some(format!("{y}-01-01")), Some(format!("{y}-12-31"))),
                None => (None, None),
            };
            let filter = serde_json::json!({ "provinceCode": params.province, "issuerCode": params.unit,
                                             "signedFrom": from, "signedTo": to });
            let rows = pages(executor, DECISIONS, filter)
                .await?
                .iter()
                .map(|d| {
                    vec![
                        Cell::of(&d["number"]),
                        Cell::of(&d["signedOn"]),
                        Cell::of(&d["issuer"]["name"]),
                        Cell::of(&d["signerName"]),
                        Cell::of(&d["signerTitle"]),
                        Cell::Number(d["awards"].as_array().map_or(0, |a| a.len() as i64)),
                        Cell::of(&d["totalAmount"]),
                    ]
                })
                .collect();
            Table {
                title: "Danh sách quyết định khen thưởng".into(),
                headers: vec![
                    "STT",
                    "Số quyết định",
                    "Ngày ký",
                    "Cơ quan ban hành",
                    "Người ký",
                    "Chức vụ người ký",
                    "Số khen thưởng",
                    "Tổng tiền thưởng (đồng)",
                ],
                rows: numbered(rows),
            }
        }
        Export::Nominations => {
            let filter = serde_json::json!({ "year": params.year, "unitCode": params.unit });
            let rows = pages(executor, NOMINATIONS, filter)
                .await?
                .iter()
                .map(|n| {
                    let (kind, name, unit) = recipient(&n["recipient"]);
                    vec![
                        Cell::of(&n["awardType"]["name"]),
                        Cell::of(&n["year"]),
                        kind,
                        name,
                        unit,
                        Cell::of(&n["proposedBy"]["name"]),
                        Cell::of(&n["status"]),
                    ]
                })
                .collect();
            Table {
                title: "Danh sách đề nghị khen thưởng".into(),
                headers: vec![
                    "STT",
                    "Hình thức khen thưởng",
                    "Năm",
                    "Đối tượng",
                    "Tên cá nhân, tập thể",
                    "Đơn vị",
                    "Đơn vị đề nghị",
                    "Trạng thái",
                ],
                rows: numbered(rows),
            }
        }
        Export::Rankings => {
            let year = params.year.ok_or_else(|| {
                AppError::bad_input(crate::tr!(
                    "Rankings are of one year: give year.",
                    "Bảng xếp hạng theo từng năm: hãy ghi năm (year)."
                ))
            })?;
            let data = executor
                .execute(
                    RANKINGS,
                    serde_json::json!({ "year": year, "province": params.province }),
                )
                .await?;
            let mut rows = Vec::new();
            for cluster_year in data["rankings"].as_array().cloned().unwrap_or_default() {
                for entry in cluster_year["ranking"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                {
                    rows.push(vec![
                        Cell::of(&cluster_year["cluster"]["name"]),
                        Cell::of(&cluster_year["year"]),
                        Cell::of(&entry["rank"]),
                        Cell::of(&entry["unit"]["name"]),
                        Cell::of(&entry["totalPoints"]),
                        Cell::of(&entry["proposedAward"]["name"]),
                    ]);
                }
            }
            Table {
                title: format!("Kết quả xếp hạng thi đua năm {year}"),
                headers: vec![
                    "Cụm, khối thi đua",
                    "Năm",
                    "Hạng",
                    "Đơn vị",
                    "Tổng điểm",
                    "Đề nghị khen thưởng",
                ],
                rows,
            }
        }
        Export::Statistics => {
            let filter = serde_json::json!({ "provinceCode": params.province, "unitCode": params.unit,
                                             "yearFrom": params.year, "yearTo": params.year });
            let data = executor
                .execute(STATISTICS, serde_json::json!({ "f": filter }))
                .await?;
            let rows = data["statistics"]["byAwardType"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|s| {
                    vec![
                        Cell::of(&s["awardType"]["name"]),
                        Cell::of(&s["count"]),
                        Cell::of(&s["amount"]),
                    ]
                })
                .collect();
            Table {
                title: "Thống kê khen thưởng".into(),
                headers: vec!["Hình thức khen thưởng", "Số lượng", "Tiền thưởng (đồng)"],
                rows,
            }
        }
    })
}

/// The table as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the
/// diacritics).
pub fn csv(table: &Table) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let _ = writer.write_record(&table.headers);
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Number(n) => n.to_string(),
                Cell::Float(f) => f.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        let _ = writer.write_record(&cells);
    }
    drop(writer);
    out
}

/// The table as an XLSX workbook: a title row, the headers in bold, then the rows.
pub fn xlsx(table: &Table) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed =
        |e: rust_xlsxwriter::XlsxError| AppError::internal(&std::io::Error::other(e.to_string()));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = Format::new().set_bold();
    sheet
        .write_string_with_format(0, 0, &table.title, &bold)
        .map_err(failed)?;
    for (c, header) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(2, c as u16, *header, &bold)
            .map_err(failed)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ()),
                Cell::Number(n) => sheet.write_number(r, c, *n as f64).map(|_| ()),
                Cell::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(failed)?;
        }
    }
    workbook.save_to_buffer().map_err(failed)
}
