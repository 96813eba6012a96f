//! A file to import as a table of text: its first sheet (XLSX, read with calamine) or its
//! rows (CSV, comma or semicolon separated, UTF-8 with or without a byte-order mark), each
//! row with the number a spreadsheet shows it under (the header is row 1).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::Problem;

/// The rows of a file, as text.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    /// (row number, cells), empty rows left out.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads `bytes`: an XLSX workbook when it is a ZIP archive, CSV otherwise. A file that
/// cannot be read is one problem at row 0.
pub fn read(bytes: &[u8]) -> Result<Table, Problem> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn unreadable(message: crate::i18n::Text) -> Problem {
    Problem {
        row: 0,
        column: None,
        message,
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, Problem> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        let e = e.to_string();
        unreadable(crate::tr!(
            "The file is not a readable XLSX workbook (truncated or damaged?): {e}",
            "Tệp không phải là bảng tính XLSX đọc được (bị cắt cụt hoặc hỏng?): {e}"
        ))
    })?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| {
            unreadable(crate::tr!(
                "The workbook has no sheet.",
                "Bảng tính không có trang nào."
            ))
        })?
        .map_err(|e| {
            let e = e.to_string();
            unreadable(crate::tr!(
                "The first sheet cannot be read (truncated or damaged?): {e}",
                "Không đọc được trang đầu của bảng tính (bị cắt cụt hoặc hỏng?): {e}"
            ))
        })?;
    // Row numbers as the spreadsheet shows them, whatever the sheet's first used row.
    let first_row = range.start().map(|(row, _)| row as usize + 1).unwrap_or(1);
    let mut rows = range.rows().enumerate();
    let headers = match rows.next() {
        Some((_, cells)) => cells.iter().map(cell_text).collect(),
        None => Vec::new(),
    };
    let rows = rows
        .map(|(i, cells)| (first_row + i, cells.iter().map(cell_text).collect()))
        .filter(|(_, cells): &(usize, Vec<String>)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(Table { headers, rows })
}

/// A cell as text; dates as YYYY-MM-DD, whole numbers without a decimal point.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => dt.date().to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        return Err(unreadable(crate::tr!(
            "The file is neither XLSX nor UTF-8 text (an invalid byte at {at}): save it as XLSX or as CSV UTF-8.",
            "Tệp không phải XLSX cũng không phải văn bản UTF-8 (byte sai ở vị trí {at}): hãy lưu thành XLSX hoặc CSV UTF-8."
        )));
    }
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.iter().filter(|b| **b == b';').count()
        > first_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut table = Table::default();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = record.map_err(|e| {
            let e = e.to_string();
            Problem {
                row,
                column: None,
                message: crate::tr!(
                    "This row cannot be read: {e}",
                    "Không đọc được dòng này: {e}"
                ),
            }
        })?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if row == 1 {
            table.headers = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((row, cells));
        }
    }
    // A CSV cut in the middle of a quoted field ends without its closing quote: the csv
    // reader takes the rest of the file as that field.
    if let Some((row, cells)) = table.rows.last() {
        if cells.iter().any(|c| c.contains('\n')) {
            return Err(Problem {
                row: *row,
                column: None,
                message: crate::tr!(
                    "The file ends inside a quoted field: it is truncated.",
                    "Tệp kết thúc giữa một ô trong ngoặc kép: tệp bị cắt cụt."
                ),
            });
        }
    }
    Ok(table)
}

/// A date as people write them: YYYY-MM-DD or DD/MM/YYYY (also with '-' or '.').
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_bom_and_blank_rows() {
        let table =
            read("\u{feff}Mã đơn vị;Tên đơn vị\nA;Một\n;\nB;\"Hai; ba\"\n".as_bytes()).unwrap();
        assert_eq!(table.headers, ["Mã đơn vị", "Tên đơn vị"]);
        assert_eq!(
            table.rows,
            [
                (2, vec!["A".to_owned(), "Một".to_owned()]),
                (4, vec!["B".to_owned(), "Hai; ba".to_owned()])
            ]
        );
    }

    #[test]
    fn a_truncated_csv_and_a_truncated_xlsx_are_refused() {
        let cut = read(b"code,name\nA,\"Mot\nB,Hai\n");
        assert!(cut.is_err());
        let xlsx = read(b"PK\x03\x04 and then nothing");
        assert_eq!(xlsx.unwrap_err().row, 0);
        assert!(read(b"\xff\xfe bad").is_err());
    }

    #[test]
    fn dates_as_people_write_them() {
        let day = NaiveDate::from_ymd_opt(2020, 7, 1);
        assert_eq!(date("2020-07-01"), day);
        assert_eq!(date("01/07/2020"), day);
        assert_eq!(date("1.7.2020"), day);
        assert_eq!(date("31/02/2020"), None);
    }
}
