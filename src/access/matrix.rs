//! The authorization matrix, read from `matrix.md`.

use std::sync::OnceLock;

use entity::enums::Role;

/// Every action the matrix decides. Adding one without a row in `matrix.md` fails the tests
/// (and the start-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ReadPublic,
    ReadPerson,
    ReadPersonPrivate,
    ReadScoreSheets,
    ReadNominations,
    WriteOrganisation,
    SubmitSelfAssessment,
    ReviewScores,
    ManageClusters,
    SignCovenant,
    CreateNomination,
    DecideUnitAward,
    DecideProvincialAward,
    RevokeAward,
    ReorganizeUnits,
    RecordAwardHistory,
    ReadAuditLog,
    ManageRules,
    ReviewDossiers,
    ManageCouncil,
    GrantSigning,
    ProposeUpward,
    ManageRewardRates,
    ManageUsers,
    ManageAccounts,
    ManageProvinces,
    ImportData,
    FileReports,
}

impl Action {
    pub const ALL: [Action; 28] = [
        Action::ReadPublic,
        Action::ReadPerson,
        Action::ReadPersonPrivate,
        Action::ReadScoreSheets,
        Action::ReadNominations,
        Action::WriteOrganisation,
        Action::SubmitSelfAssessment,
        Action::ReviewScores,
        Action::ManageClusters,
        Action::SignCovenant,
        Action::CreateNomination,
        Action::DecideUnitAward,
        Action::DecideProvincialAward,
        Action::RevokeAward,
        Action::ReorganizeUnits,
        Action::RecordAwardHistory,
        Action::ReadAuditLog,
        Action::ManageRules,
        Action::ReviewDossiers,
        Action::ManageCouncil,
        Action::GrantSigning,
        Action::ProposeUpward,
        Action::ManageRewardRates,
        Action::ManageUsers,
        Action::ManageAccounts,
        Action::ManageProvinces,
        Action::ImportData,
        Action::FileReports,
    ];

    /// The action's name in the matrix.
    pub fn name(self) -> &'static str {
        match self {
            Action::ReadPublic => "read_public",
            Action::ReadPerson => "read_person",
            Action::ReadPersonPrivate => "read_person_private",
            Action::ReadScoreSheets => "read_score_sheets",
            Action::ReadNominations => "read_nominations",
            Action::WriteOrganisation => "write_organisation",
            Action::SubmitSelfAssessment => "submit_self_assessment",
            Action::ReviewScores => "review_scores",
            Action::ManageClusters => "manage_clusters",
            Action::SignCovenant => "sign_covenant",
            Action::CreateNomination => "create_nomination",
            Action::DecideUnitAward => "decide_unit_award",
            Action::DecideProvincialAward => "decide_provincial_award",
            Action::RevokeAward => "revoke_award",
            Action::ReorganizeUnits => "reorganize_units",
            Action::RecordAwardHistory => "record_award_history",
            Action::ReadAuditLog => "read_audit_log",
            Action::ManageRules => "manage_rules",
            Action::ReviewDossiers => "review_dossiers",
            Action::ManageCouncil => "manage_council",
            Action::GrantSigning => "grant_signing",
            Action::ProposeUpward => "propose_upward",
            Action::ManageRewardRates => "manage_reward_rates",
            Action::ManageUsers => "manage_users",
            Action::ManageAccounts => "manage_accounts",
            Action::ManageProvinces => "manage_provinces",
            Action::ImportData => "import_data",
            Action::FileReports => "file_reports",
        }
    }
}

/// How far a cell reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Unit,
    Province,
    Year,
    Nothing,
}

/// A column of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Public,
    Partner,
    UnitOfficer,
    Head,
    Board,
    Admin,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Public,
        Column::Partner,
        Column::UnitOfficer,
        Column::Head,
        Column::Board,
        Column::Admin,
    ];

    /// The column of a role (`None`: the public).
    pub fn of(role: Option<Role>) -> Column {
        match role {
            None => Column::Public,
            Some(Role::Partner) => Column::Partner,
            Some(Role::UnitOfficer) => Column::UnitOfficer,
            Some(Role::Board) => Column::Board,
            Some(Role::Admin) => Column::Admin,
        }
    }
}

/// The parsed matrix.
#[derive(Debug)]
pub struct Matrix {
    rows: Vec<(Action, [Scope; 6])>,
}

/// The matrix's text.
pub const SOURCE: &str = include_str!("matrix.md");

impl Matrix {
    /// Parses the table of `source`; every [`Action`] must have exactly one row and every
    /// row must name an action.
    pub fn parse(source: &str) -> Result<Matrix, String> {
        let mut rows = Vec::new();
        for line in source.lines().map(str::trim).filter(|l| l.starts_with('|')) {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            if cells.first() == Some(&"action")
                || cells.iter().all(|c| c.chars().all(|ch| ch == '-'))
            {
                continue;
            }
            if cells.len() != 7 {
                return Err(format!("row `{line}` has {} cells, not 7", cells.len()));
            }
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == cells[0])
                .ok_or_else(|| format!("row `{}` names no action", cells[0]))?;
            if rows.iter().any(|(a, _)| *a == action) {
                return Err(format!("action {} has two rows", cells[0]));
            }
            let mut scopes = [Scope::Nothing; 6];
            for (i, cell) in cells[1..].iter().enumerate() {
                scopes[i] = match *cell {
                    "all" => Scope::All,
                    "unit" => Scope::Unit,
                    "province" => Scope::Province,
                    "year" => Scope::Year,
                    "-" => Scope::Nothing,
                    other => return Err(format!("unknown cell `{other}` in row {}", cells[0])),
                };
            }
            rows.push((action, scopes));
        }
        if let Some(missing) = Action::ALL
            .into_iter()
            .find(|a| rows.iter().all(|(r, _)| r != a))
        {
            return Err(format!("action {} has no row", missing.name()));
        }
        Ok(Matrix { rows })
    }

    pub fn cell(&self, action: Action, column: Column) -> Scope {
        let index = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
        self.rows
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, scopes)| scopes[index])
            .unwrap_or(Scope::Nothing)
    }
}

/// The matrix of `matrix.md`. A matrix that does not parse denies everything (and the
/// server refuses to start: see [`check`]).
pub fn table() -> &'static Matrix {
    static TABLE: OnceLock<Matrix> = OnceLock::new();
    TABLE.get_or_init(|| Matrix::parse(SOURCE).unwrap_or(Matrix { rows: Vec::new() }))
}

/// Checks that `matrix.md` parses and covers every action; called at start-up.
pub fn check() -> Result<(), String> {
    Matrix::parse(SOURCE).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_parses_and_covers_every_action() {
        check().unwrap();
    }

    #[test]
    fn an_action_without_a_row_is_an_error() {
        let without_users: String = SOURCE
            .lines()
            .filter(|l| !l.contains("manage_users"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(Matrix::parse(&without_users)
            .unwrap_err()
            .contains("manage_users"));
    }

    #[test]
    fn unknown_rows_and_cells_are_errors() {
        let extra = format!("{SOURCE}\n| fly_to_the_moon | all | all | all | all | all | all |");
        assert!(Matrix::parse(&extra).is_err());
        let bad = SOURCE.replace("| manage_users | - |", "| manage_users | maybe |");
        assert!(Matrix::parse(&bad).is_err());
    }
}
