//! A statutory form as data (its heading, its columns as the tree of merged headers they
//! are printed under, its lines) and as a file: XLSX laid out as the printed form, or CSV.

use chrono::NaiveDate;

use crate::error::{AppError, AppResult};

/// What the top of a form says.
#[derive(Debug, Clone)]
pub struct Heading {
    /// `0602.N/BNV-TĐKT`.
    pub code: String,
    pub title: &'static str,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Who files it (đơn vị báo cáo): the province's People's Committee.
    pub reporter: String,
}

/// A column header; its leaves are the form's columns of figures.
#[derive(Debug, Clone)]
pub struct Header {
    pub label: String,
    pub children: Vec<Header>,
}

impl Header {
    pub fn leaf(label: impl Into<String>) -> Header {
        Header {
            label: label.into(),
            children: Vec::new(),
        }
    }

    pub fn group(label: impl Into<String>, children: Vec<Header>) -> Header {
        Header {
            label: label.into(),
            children,
        }
    }

    fn depth(&self) -> usize {
        1 + self.children.iter().map(Header::depth).max().unwrap_or(0)
    }

    fn width(&self) -> usize {
        if self.children.is_empty() {
            1
        } else {
            self.children.iter().map(Header::width).sum()
        }
    }

    fn leaves<'a>(&'a self, path: &mut Vec<&'a str>, out: &mut Vec<String>) {
        path.push(&self.label);
        if self.children.is_empty() {
            out.push(path.join(" – "));
        } else {
            for child in &self.children {
                child.leaves(path, out);
            }
        }
        path.pop();
    }
}

/// A line of the form: a section's title (no figures) or a line of figures with its code.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    /// Mã số.
    pub code: Option<&'static str>,
    /// Đơn vị tính.
    pub unit: Option<&'static str>,
    /// One figure per column; empty for a section's title.
    pub values: Vec<i64>,
}

impl Line {
    pub fn section(label: &str) -> Line {
        Line {
            label: label.to_owned(),
            code: None,
            unit: None,
            values: Vec::new(),
        }
    }
}

/// A filled form.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub heading: Heading,
    /// Whether the form has the column `Đơn vị tính` (0602, 0603).
    pub unit_column: bool,
    /// The unit of all its figures, printed above the table (`Đơn vị tính: Phong trào`).
    pub note: Option<&'static str>,
    pub columns: Vec<Header>,
    /// The column numbers printed under the headers, one per column of figures; equal
    /// neighbours are printed once, merged (`1`, `2`, `2`, `3` prints `2` over two columns).
    pub numbers: Vec<String>,
    pub lines: Vec<Line>,
}

impl Sheet {
    /// The figures of the line with code `code`.
    pub fn line(&self, code: &str) -> Option<&[i64]> {
        self.lines
            .iter()
            .find(|l| l.code == Some(code))
            .map(|l| l.values.as_slice())
    }

    /// Each column of figures named by the headers above it, joined by ` – `.
    pub fn column_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for header in &self.columns {
            header.leaves(&mut Vec::new(), &mut out);
        }
        out
    }

    fn fixed(&self) -> Vec<(&'static str, &'static str)> {
        let mut fixed = vec![("", "A"), ("Mã số", "B")];
        if self.unit_column {
            fixed.push(("Đơn vị tính", "C"));
        }
        fixed
    }

    /// The form as CSV: its heading, one header line naming each column by its path, the
    /// column numbers, then the lines.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let h = &self.heading;
        let _ = writer.write_record([format!("Biểu số: {}", h.code)]);
        let _ = writer.write_record([h.title.to_owned()]);
        let _ = writer.write_record([period_line(h)]);
        let _ = writer.write_record([format!("Đơn vị báo cáo: {}", h.reporter)]);
        let fixed = self.fixed();
        let mut names: Vec<String> = fixed.iter().map(|(n, _)| (*n).to_owned()).collect();
        names.extend(self.column_names());
        let _ = writer.write_record(&names);
        let mut numbers: Vec<String> = fixed.iter().map(|(_, l)| (*l).to_owned()).collect();
        numbers.extend(self.numbers.iter().cloned());
        let _ = writer.write_record(&numbers);
        for line in &self.lines {
            let mut cells = vec![line.label.clone(), line.code.unwrap_or_default().to_owned()];
            if self.unit_column {
                cells.push(line.unit.unwrap_or_default().to_owned());
            }
            cells.extend(line.values.iter().map(i64::to_string));
            let _ = writer.write_record(&cells);
        }
        drop(writer);
        out
    }

    /// The form as an XLSX workbook laid out as the printed form.
    pub fn xlsx(&self) -> AppResult<Vec<u8>> {
        use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
        let failed = |e: rust_xlsxwriter::XlsxError| {
            AppError::internal(&std::io::Error::other(e.to_string()))
        };
        let mut workbook = Workbook::new();
        let ws = workbook.add_worksheet();
        ws.set_name(self.heading.code.split('/').next().unwrap_or("Biểu"))
            .map_err(failed)?;
        let bold = Format::new().set_bold();
        let italic = Format::new().set_italic().set_align(FormatAlign::Center);
        let title = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        let head = Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let cell = Format::new().set_border(FormatBorder::Thin);
        let label = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        let section = label.clone().set_bold();
        let centred = cell.clone().set_align(FormatAlign::Center);

        let fixed = self.fixed();
        let figures = self.numbers.len();
        let width = (fixed.len() + figures) as u16;
        let last = width.saturating_sub(1);
        let right = (width / 2).max(2);
        let h = &self.heading;
        ws.write_string_with_format(0, 0, format!("Biểu số: {}", h.code), &bold)
            .map_err(failed)?;
        ws.write_string(1, 0, format!("Ban hành theo {}", super::CIRCULAR))
            .map_err(failed)?;
        ws.write_string(2, 0, "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")
            .map_err(failed)?;
        ws.write_string(0, right, format!("Đơn vị báo cáo: {}", h.reporter))
            .map_err(failed)?;
        ws.write_string(1, right, "Đơn vị nhận báo cáo: Bộ Nội vụ")
            .map_err(failed)?;
        merged(ws, 4, 0, 4, last, h.title, &title).map_err(failed)?;
        merged(ws, 5, 0, 5, last, &period_line(h), &italic).map_err(failed)?;
        if let Some(note) = self.note {
            ws.write_string_with_format(6, last, note, &Format::new().set_italic())
                .map_err(failed)?;
        }

        let top = 7u32;
        let depth = self.columns.iter().map(Header::depth).max().unwrap_or(1) as u32;
        let bottom = top + depth - 1;
        for (c, (name, _)) in fixed.iter().enumerate() {
            merged(ws, top, c as u16, bottom, c as u16, name, &head).map_err(failed)?;
        }
        let mut col = fixed.len() as u16;
        for header in &self.columns {
            col += place(ws, header, top, bottom, col, &head).map_err(failed)?;
        }
        // The row of column letters and numbers.
        let numbers_row = bottom + 1;
        for (c, (_, letter)) in fixed.iter().enumerate() {
            ws.write_string_with_format(numbers_row, c as u16, *letter, &head)
                .map_err(failed)?;
        }
        let mut c = 0;
        while c < figures {
            let mut end = c;
            while end + 1 < figures && self.numbers[end + 1] == self.numbers[c] {
                end += 1;
            }
            let (first, last) = ((fixed.len() + c) as u16, (fixed.len() + end) as u16);
            merged(
                ws,
                numbers_row,
                first,
                numbers_row,
                last,
                &self.numbers[c],
                &head,
            )
            .map_err(failed)?;
            c = end + 1;
        }
        let mut row = numbers_row + 1;
        for line in &self.lines {
            let format = if line.values.is_empty() {
                &section
            } else {
                &label
            };
            ws.write_string_with_format(row, 0, &line.label, format)
                .map_err(failed)?;
            ws.write_string_with_format(row, 1, line.code.unwrap_or_default(), &centred)
                .map_err(failed)?;
            if self.unit_column {
                ws.write_string_with_format(row, 2, line.unit.unwrap_or_default(), &centred)
                    .map_err(failed)?;
            }
            for c in 0..figures {
                let at = (fixed.len() + c) as u16;
                match line.values.get(c) {
                    Some(v) => ws.write_number_with_format(row, at, *v as f64, &cell),
                    None => ws.write_blank(row, at, &cell),
                }
                .map_err(failed)?;
            }
            row += 1;
        }
        row += 2;
        let centre = Format::new().set_align(FormatAlign::Center).set_bold();
        ws.write_string_with_format(row, 0, "Người lập biểu", &centre)
            .map_err(failed)?;
        ws.write_string_with_format(row + 1, 0, "(Ký, họ tên)", &italic)
            .map_err(failed)?;
        ws.write_string_with_format(row - 1, right, "…, ngày … tháng … năm …", &italic)
            .map_err(failed)?;
        ws.write_string_with_format(row, right, "Thủ trưởng đơn vị", &centre)
            .map_err(failed)?;
        ws.write_string_with_format(row + 1, right, "(Ký, họ tên, đóng dấu)", &italic)
            .map_err(failed)?;
        ws.set_column_width(0, 48).map_err(failed)?;
        ws.set_column_width(1, 7).map_err(failed)?;
        for c in 2..width {
            ws.set_column_width(c, 11).map_err(failed)?;
        }
        workbook.save_to_buffer().map_err(failed)
    }
}

fn period_line(h: &Heading) -> String {
    format!(
        "Năm {} (từ ngày {} đến ngày {})",
        h.year,
        h.from.format("%d/%m/%Y"),
        h.to.format("%d/%m/%Y")
    )
}

/// Writes `text` over the cells from (`r1`, `c1`) to (`r2`, `c2`), merged when more than one.
fn merged(
    ws: &mut rust_xlsxwriter::Worksheet,
    r1: u32,
    c1: u16,
    r2: u32,
    c2: u16,
    text: &str,
    format: &rust_xlsxwriter::Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if r1 == r2 && c1 == c2 {
        ws.write_string_with_format(r1, c1, text, format)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, format)?;
    }
    Ok(())
}

/// Writes `header` from row `row` and column `col` (a leaf reaches down to `bottom`) and
/// answers how many columns it spans.
fn place(
    ws: &mut rust_xlsxwriter::Worksheet,
    header: &Header,
    row: u32,
    bottom: u32,
    col: u16,
    format: &rust_xlsxwriter::Format,
) -> Result<u16, rust_xlsxwriter::XlsxError> {
    let width = header.width() as u16;
    if header.children.is_empty() {
        merged(ws, row, col, bottom, col, &header.label, format)?;
        return Ok(1);
    }
    merged(ws, row, col, row, col + width - 1, &header.label, format)?;
    let mut at = col;
    for child in &header.children {
        at += place(ws, child, row + 1, bottom, at, format)?;
    }
    Ok(width)
}
