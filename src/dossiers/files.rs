//! The file store: the bytes of attachments, kept by their SHA-256 under one directory
//! (`THIDUA_FILES_DIR`; by default `files` beside the SQLite file, or in the working
//! directory on PostgreSQL), as `ab/abcdef…`.
//!
//! A file is taken only for what its content is, whatever its name says: PDF, DOCX, XLSX,
//! JPEG or PNG (an Office document must open as one: its ZIP directory must list the main
//! part). It is written to a temporary file in the store, checked, and only then renamed into
//! place, so that a refused, cut-off or failed upload leaves nothing behind; two uploads of
//! the same content share one file.

use std::{
    fs::File,
    io::{self, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

/// The largest file accepted unless configured (`THIDUA_MAX_UPLOAD_BYTES`): 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// What a file's content was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Docx,
    Xlsx,
    Jpeg,
    Png,
}

impl FileType {
    /// The media type served with it.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }
}

/// Why a file was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than the store accepts.
    TooLarge { limit: u64 },
    /// No bytes at all.
    Empty,
    /// Not one of the accepted types.
    UnknownType,
}

/// A file taken into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub sha256: String,
    pub size: u64,
    pub file_type: FileType,
}

/// The store: a directory and the size limit of one file.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    max_bytes: u64,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>, max_bytes: u64) -> Store {
        Store {
            dir: dir.into(),
            max_bytes,
        }
    }

    /// The default directory for `database_url`: `files` beside a SQLite file, `files` in
    /// the working directory otherwise.
    pub fn default_dir(database_url: &str) -> PathBuf {
        crate::db::sqlite_file(database_url)
            .and_then(|file| file.parent().map(|p| p.join("files")))
            .unwrap_or_else(|| PathBuf::from("files"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Where the content of `sha256` is kept; `None` for anything but 64 hex digits.
    pub fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| self.dir.join(&sha256[..2]).join(sha256))
    }

    /// Takes `content` (read from its start) into the store. Blocking: run it off the
    /// runtime's threads.
    pub fn put(&self, mut content: impl Read) -> io::Result<Result<Stored, Refusal>> {
        std::fs::create_dir_all(&self.dir)?;
        let mut temporary = tempfile::Builder::new()
            .prefix(".upload-")
            .tempfile_in(&self.dir)?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = match content.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            size += read as u64;
            if size > self.max_bytes {
                return Ok(Err(Refusal::TooLarge {
                    limit: self.max_bytes,
                }));
            }
            hasher.update(&buffer[..read]);
            temporary.write_all(&buffer[..read])?;
        }
        if size == 0 {
            return Ok(Err(Refusal::Empty));
        }
        temporary.as_file().sync_all()?;
        let Some(file_type) = recognise(temporary.as_file_mut())? else {
            return Ok(Err(Refusal::UnknownType));
        };
        let sha256 = hex(&hasher.finalize());
        let path = self
            .path_of(&sha256)
            .ok_or_else(|| io::Error::other("a SHA-256 is 64 hex digits"))?;
        if !path.exists() {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            temporary.persist(&path).map_err(|e| e.error)?;
        }
        Ok(Ok(Stored {
            sha256,
            size,
            file_type,
        }))
    }

    /// Opens the content of `sha256`.
    pub fn open(&self, sha256: &str) -> io::Result<File> {
        let path = self
            .path_of(sha256)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not a SHA-256"))?;
        File::open(path)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `file`'s content is, if it is one of the accepted types.
fn recognise(file: &mut File) -> io::Result<Option<FileType>> {
    let mut head = Vec::with_capacity(8192);
    file.seek(SeekFrom::Start(0))?;
    Read::by_ref(file).take(8192).read_to_end(&mut head)?;
    let Some(kind) = infer::get(&head) else {
        return Ok(None);
    };
    let found = match kind.mime_type() {
        "application/pdf" => Some(FileType::Pdf),
        "image/jpeg" => Some(FileType::Jpeg),
        "image/png" => Some(FileType::Png),
        // A ZIP is an Office document only if its directory lists the main part.
        "application/zip"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            file.seek(SeekFrom::Start(0))?;
            office_document(file)
        }
        _ => None,
    };
    Ok(found)
}

fn office_document(file: &mut File) -> Option<FileType> {
    let archive = zip::ZipArchive::new(file).ok()?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if !has("[Content_Types].xml") {
        return None;
    }
    if has("word/document.xml") {
        Some(FileType::Docx)
    } else if has("xl/workbook.xml") {
        Some(FileType::Xlsx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(max: u64) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("files"), max);
        (dir, store)
    }

    /// The files of the store, its temporary ones included.
    fn contents(store: &Store) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![store.dir().to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.push(path);
                }
            }
        }
        found
    }

    pub(crate) fn docx() -> Vec<u8> {
        office(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ])
    }

    fn office(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut bytes = io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut bytes);
        for (name, body) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        bytes.into_inner()
    }

    #[test]
    fn content_decides_the_type_not_the_name() {
        let (_dir, store) = store(DEFAULT_MAX_BYTES);
        let cases: [(&[u8], Option<FileType>); 6] = [
            (b"%PDF-1.7\n1 0 obj\n", Some(FileType::Pdf)),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(FileType::Png)),
            (b"\xff\xd8\xff\xe0\0\x10JFIF\0", Some(FileType::Jpeg)),
            (b"<html><script>alert(1)</script>", None),
            (b"MZ\x90\0\x03\0\0\0", None),
            (b"plain text that says it is a PDF", None),
        ];
        for (bytes, expected) in cases {
            let got = store.put(bytes).unwrap().ok().map(|s| s.file_type);
            assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(bytes));
        }
        let docx = docx();
        assert_eq!(
            store.put(&docx[..]).unwrap().unwrap().file_type,
            FileType::Docx
        );
        let xlsx = office(&[
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", "<workbook/>"),
        ]);
        assert_eq!(
            store.put(&xlsx[..]).unwrap().unwrap().file_type,
            FileType::Xlsx
        );
        // A ZIP that is not an Office document, and a DOCX cut off half-way.
        let zip = office(&[("notes.txt", "hello")]);
        assert_eq!(store.put(&zip[..]).unwrap(), Err(Refusal::UnknownType));
        assert_eq!(
            store.put(&docx[..docx.len() / 2]).unwrap(),
            Err(Refusal::UnknownType)
        );
    }

    #[test]
    fn a_refused_file_leaves_nothing_and_a_kept_one_is_found_by_its_hash() {
        let (_dir, store) = store(16);
        assert_eq!(
            store
                .put(&b"%PDF-1.7 and much more than sixteen bytes"[..])
                .unwrap(),
            Err(Refusal::TooLarge { limit: 16 })
        );
        assert_eq!(store.put(&b""[..]).unwrap(), Err(Refusal::Empty));
        assert_eq!(
            store.put(&b"<html>"[..]).unwrap(),
            Err(Refusal::UnknownType)
        );
        assert!(contents(&store).is_empty(), "{:?}", contents(&store));
        let kept = store.put(&b"%PDF-1.7\n%%EOF\n"[..]).unwrap().unwrap();
        // SHA-256 of the bytes above.
        let expected = hex(&Sha256::digest(b"%PDF-1.7\n%%EOF\n"));
        assert_eq!(kept.sha256, expected);
        assert_eq!(kept.size, 15);
        // The same content twice: one file.
        store.put(&b"%PDF-1.7\n%%EOF\n"[..]).unwrap().unwrap();
        assert_eq!(contents(&store), vec![store.path_of(&expected).unwrap()]);
        let mut read = Vec::new();
        store
            .open(&expected)
            .unwrap()
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, b"%PDF-1.7\n%%EOF\n");
        assert!(store.path_of("../../etc/passwd").is_none());
    }

    #[test]
    fn the_default_directory_is_beside_the_sqlite_file() {
        assert_eq!(
            Store::default_dir("sqlite:///var/lib/thidua/thidua.db?mode=rwc"),
            PathBuf::from("/var/lib/thidua/files")
        );
        assert_eq!(
            Store::default_dir("sqlite://thidua.db?mode=rwc"),
            PathBuf::from("files")
        );
        assert_eq!(
            Store::default_dir("postgres://postgres@127.0.0.1/thidua"),
            PathBuf::from("files")
        );
    }
}
