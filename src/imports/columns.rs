//! Which column of a file holds which field: recognised by its header, in Vietnamese or
//! English, with or without diacritics and in any case; or named by a mapping
//! (`{"<header in the file>": "<field>"}`, the fields being the English keys below).

use std::collections::HashMap;

use super::{table::Table, Problem};
use crate::text::search_key;

/// A field of an import kind and the headers that name it.
pub struct Field {
    /// Its key, as a mapping names it (`unit_code`).
    pub key: &'static str,
    /// Its Vietnamese header, as the sample files and the reports write it.
    pub vi: &'static str,
    /// Other headers that name it (English first).
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// A mapping from a file's headers to field keys.
pub type Mapping = HashMap<String, String>;

/// Reads a mapping file: a JSON object of header → field key.
pub fn read_mapping(text: &str) -> Result<Mapping, String> {
    serde_json::from_str(text)
        .map_err(|e| format!("the mapping is not a JSON object of strings: {e}"))
}

/// The column of each field found in a file.
pub struct Columns {
    index: HashMap<&'static str, usize>,
    headers: Vec<String>,
}

impl Columns {
    /// Finds each field's column in `headers`: by `mapping` first, then by its headers. A
    /// required field without a column, a column claimed twice or a mapping to an unknown
    /// field are problems of row 1.
    pub fn resolve(
        headers: &[String],
        fields: &'static [Field],
        mapping: &Mapping,
    ) -> Result<Columns, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut index = HashMap::new();
        let mapped: HashMap<String, &String> = mapping
            .iter()
            .map(|(header, key)| (search_key(header), key))
            .collect();
        for (i, header) in headers.iter().enumerate() {
            let folded = search_key(header);
            if folded.is_empty() {
                continue;
            }
            let field = match mapped.get(&folded) {
                Some(key) => match fields.iter().find(|f| f.key == key.as_str()) {
                    Some(field) => Some(field),
                    None => {
                        let keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
                        let keys = keys.join(", ");
                        problems.push(Problem {
                            row: 1,
                            column: Some(header.clone()),
                            message: crate::tr!(
                                "The mapping names the field `{key}`, which this kind has not ({keys}).",
                                "Bảng ánh xạ ghi trường `{key}`, loại dữ liệu này không có trường đó ({keys})."
                            ),
                        });
                        None
                    }
                },
                None => fields.iter().find(|f| {
                    search_key(f.vi) == folded
                        || f.key.replace('_', " ") == folded
                        || f.aliases.iter().any(|a| search_key(a) == folded)
                }),
            };
            if let Some(field) = field {
                if index.insert(field.key, i).is_some() {
                    let name = field.vi;
                    problems.push(Problem {
                        row: 1,
                        column: Some(header.clone()),
                        message: crate::tr!(
                            "Two columns hold “{name}”.",
                            "Có hai cột cùng chứa “{name}”."
                        ),
                    });
                }
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !index.contains_key(field.key) {
                let name = field.vi;
                let english = field.aliases.first().copied().unwrap_or(field.key);
                problems.push(Problem {
                    row: 1,
                    column: Some(name.to_owned()),
                    message: crate::tr!(
                        "No column “{name}” ({english}): add it, or name it in a mapping.",
                        "Thiếu cột “{name}” ({english}): hãy thêm cột, hoặc ghi trong bảng ánh xạ."
                    ),
                });
            }
        }
        if problems.is_empty() {
            Ok(Columns {
                index,
                headers: headers.to_vec(),
            })
        } else {
            Err(problems)
        }
    }

    /// The rows of `table`, each able to answer for a field.
    pub fn rows<'a>(&'a self, table: &'a Table) -> impl Iterator<Item = Row<'a>> {
        table.rows.iter().map(move |(number, cells)| Row {
            number: *number,
            cells,
            columns: self,
        })
    }
}

/// A row of a file, read by field.
pub struct Row<'a> {
    pub number: usize,
    cells: &'a [String],
    columns: &'a Columns,
}

impl Row<'_> {
    /// The field's text, `None` when its column is absent or the cell is blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        let i = *self.columns.index.get(key)?;
        self.cells
            .get(i)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    /// The header of the field's column (its Vietnamese name when the file has none).
    pub fn header(&self, key: &str) -> String {
        self.columns
            .index
            .get(key)
            .and_then(|i| self.columns.headers.get(*i))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// A problem of this row at the field's column.
    pub fn problem(&self, key: &str, message: crate::i18n::Text) -> Problem {
        Problem {
            row: self.number,
            column: Some(self.header(key)),
            message,
        }
    }

    /// The field's text, or a problem when it is blank.
    pub fn required(&self, key: &str, problems: &mut Vec<Problem>) -> Option<&str> {
        let value = self.get(key);
        if value.is_none() {
            problems.push(self.problem(
                key,
                crate::tr!("This must not be blank.", "Không được để trống."),
            ));
        }
        value
    }

    /// The field as a date (YYYY-MM-DD or DD/MM/YYYY), `None` when blank; a problem when it
    /// is not a date.
    pub fn date(&self, key: &str, problems: &mut Vec<Problem>) -> Option<chrono::NaiveDate> {
        let text = self.get(key)?;
        let date = super::table::date(text);
        if date.is_none() {
            problems.push(self.problem(
                key,
                crate::tr!(
                    "`{text}` is not a date: write it as DD/MM/YYYY or YYYY-MM-DD.",
                    "`{text}` không phải là ngày: hãy ghi theo dạng DD/MM/YYYY hoặc YYYY-MM-DD."
                ),
            ));
        }
        date
    }

    /// The field as a year between 1945 and 2100, `None` when blank; a problem otherwise.
    pub fn year(&self, key: &str, problems: &mut Vec<Problem>) -> Option<i32> {
        let text = self.get(key)?;
        let year = text
            .parse::<i32>()
            .ok()
            .filter(|y| (1945..=2100).contains(y));
        if year.is_none() {
            problems.push(self.problem(
                key,
                crate::tr!(
                    "`{text}` is not a year between 1945 and 2100.",
                    "`{text}` không phải là một năm trong khoảng 1945 đến 2100."
                ),
            ));
        }
        year
    }
}
