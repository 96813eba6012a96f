//! Opaque global IDs (`Node.id`) and connection cursors.
//!
//! A global ID is the URL-safe base64 of `Type:rowid`; a cursor is the URL-safe base64 of
//! `cursor:rowid`. Clients must treat both as opaque; they are stable because row ids never
//! change and keyset paging on the row id is stable under inserts.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

use crate::error::{AppError, AppResult};

/// The node types that have global IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Province,
    Unit,
    Person,
    Term,
    AwardType,
    Cluster,
    ClusterYear,
    Award,
    Nomination,
    Movement,
    Conference,
    ScoreSheet,
    Decision,
    Discipline,
    Dossier,
    CouncilSession,
    Attachment,
}

impl NodeKind {
    const ALL: [NodeKind; 17] = [
        NodeKind::Province,
        NodeKind::Unit,
        NodeKind::Person,
        NodeKind::Term,
        NodeKind::AwardType,
        NodeKind::Cluster,
        NodeKind::ClusterYear,
        NodeKind::Award,
        NodeKind::Nomination,
        NodeKind::Movement,
        NodeKind::Conference,
        NodeKind::ScoreSheet,
        NodeKind::Decision,
        NodeKind::Discipline,
        NodeKind::Dossier,
        NodeKind::CouncilSession,
        NodeKind::Attachment,
    ];

    fn name(self) -> &'static str {
        match self {
            NodeKind::Province => "Province",
            NodeKind::Unit => "Unit",
            NodeKind::Person => "Person",
            NodeKind::Term => "Term",
            NodeKind::AwardType => "AwardType",
            NodeKind::Cluster => "Cluster",
            NodeKind::ClusterYear => "ClusterYear",
            NodeKind::Award => "Award",
            NodeKind::Nomination => "Nomination",
            NodeKind::Movement => "Movement",
            NodeKind::Conference => "Conference",
            NodeKind::ScoreSheet => "ScoreSheet",
            NodeKind::Decision => "Decision",
            NodeKind::Discipline => "Discipline",
            NodeKind::Dossier => "Dossier",
            NodeKind::CouncilSession => "CouncilSession",
            NodeKind::Attachment => "Attachment",
        }
    }
}

/// The global ID of row `id` of `kind`.
pub fn global_id(kind: NodeKind, id: i32) -> async_graphql::ID {
    async_graphql::ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// The row of global ID `id`, which must be of `kind`; `BAD_USER_INPUT` naming `field`
/// otherwise.
pub fn row_of(id: &async_graphql::ID, kind: NodeKind, field: &str) -> AppResult<i32> {
    match parse_global_id(id)? {
        (k, row) if k == kind => Ok(row),
        _ => Err(AppError::bad_input(crate::tr!(
            "`{field}` names an object of another kind",
            "`{field}` là ID của một đối tượng khác loại"
        ))),
    }
}

/// Decodes a global ID; `BAD_USER_INPUT` when it is not one of ours.
pub fn parse_global_id(id: &str) -> AppResult<(NodeKind, i32)> {
    let invalid = || {
        AppError::bad_input(crate::tr!(
            "`{id}` is not a valid ID",
            "`{id}` không phải là ID hợp lệ"
        ))
    };
    let raw = URL_SAFE_NO_PAD.decode(id).map_err(|_| invalid())?;
    let raw = String::from_utf8(raw).map_err(|_| invalid())?;
    let (name, row) = raw.split_once(':').ok_or_else(invalid)?;
    let kind = NodeKind::ALL
        .into_iter()
        .find(|k| k.name() == name)
        .ok_or_else(invalid)?;
    let row = row.parse::<i32>().map_err(|_| invalid())?;
    Ok((kind, row))
}

/// A connection cursor: the row id of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub i32);

impl async_graphql::connection::CursorType for Cursor {
    type Error = &'static str;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let raw = URL_SAFE_NO_PAD.decode(s).map_err(|_| "invalid cursor")?;
        let raw = std::str::from_utf8(&raw).map_err(|_| "invalid cursor")?;
        let row = raw.strip_prefix("cursor:").ok_or("invalid cursor")?;
        row.parse().map(Cursor).map_err(|_| "invalid cursor")
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("cursor:{}", self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::connection::CursorType;

    #[test]
    fn global_ids_round_trip() {
        let id = global_id(NodeKind::Unit, 42);
        assert_eq!(parse_global_id(&id).unwrap(), (NodeKind::Unit, 42));
    }

    #[test]
    fn foreign_ids_are_bad_input() {
        for bad in ["", "not base64!", "VW5pdA", "Rm9vOjE"] {
            let err = parse_global_id(bad).unwrap_err();
            assert_eq!(err.code(), crate::error::ErrorCode::BadUserInput, "{bad}");
        }
    }

    #[test]
    fn cursors_round_trip_and_reject_ids() {
        let c = Cursor(7).encode_cursor();
        assert_eq!(Cursor::decode_cursor(&c).unwrap(), Cursor(7));
        assert!(Cursor::decode_cursor(&global_id(NodeKind::Unit, 7)).is_err());
    }
}
