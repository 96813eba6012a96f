use super::*;

fn names(code: &str) -> (String, String) {
    match code {
        "CHIEN_SI_THI_DUA_CO_SO" => (
            "Chiến sĩ thi đua cơ sở".into(),
            "Grassroots Emulation Fighter".into(),
        ),
        "CHIEN_SI_THI_DUA_TINH" => (
            "Chiến sĩ thi đua cấp tỉnh".into(),
            "Provincial Emulation Fighter".into(),
        ),
        "LAO_DONG_TIEN_TIEN" => ("Lao động tiên tiến".into(), "Advanced Worker".into()),
        other => (other.into(), other.into()),
    }
}

fn cstdcs(years: &[i32]) -> Vec<(String, i32)> {
    years
        .iter()
        .map(|y| ("CHIEN_SI_THI_DUA_CO_SO".to_owned(), *y))
        .collect()
}

fn streak3() -> Rule {
    Rule::Streak {
        award: "CHIEN_SI_THI_DUA_CO_SO".into(),
        years: 3,
        fresh: None,
    }
}

fn rated(pairs: &[(i32, Rating)]) -> Option<BTreeMap<i32, Rating>> {
    Some(pairs.iter().copied().collect())
}

#[test]
fn three_consecutive_years_pass_and_say_which() {
    let facts = Facts {
        held: cstdcs(&[2021, 2022, 2023]),
        ..Default::default()
    };
    let c = check(&streak3(), &facts, 2023, &names);
    assert!(c.passed());
    assert_eq!(
        c.detail,
        "3 năm liên tục Chiến sĩ thi đua cơ sở: 2021, 2022, 2023"
    );
    assert_eq!(
        c.detail_en,
        "3 consecutive years of Grassroots Emulation Fighter: 2021, 2022, 2023"
    );
}

#[test]
fn a_gap_fails_and_names_the_missing_year() {
    let facts = Facts {
        held: cstdcs(&[2021, 2023]),
        ..Default::default()
    };
    let c = check(&streak3(), &facts, 2023, &names);
    assert!(!c.passed());
    assert!(c.detail.contains("thiếu năm 2022"), "{}", c.detail);
    assert!(c.detail_en.contains("missing 2022"));
}

#[test]
fn years_used_by_an_earlier_provincial_title_do_not_count_again() {
    // Nguyễn Văn An: CSTĐCS 2023–2026, CSTĐ tỉnh for 2025 (2023–2025 used).
    let mut held = cstdcs(&[2023, 2024, 2025, 2026]);
    held.push(("CHIEN_SI_THI_DUA_TINH".into(), 2025));
    let facts = Facts {
        held,
        initiatives: vec![(Scope::Provincial, InitiativeKind::Initiative, 2025)],
        ..Default::default()
    };
    let rule = Rule::AllOf {
        rules: vec![
            Rule::Streak {
                award: "CHIEN_SI_THI_DUA_CO_SO".into(),
                years: 3,
                fresh: Some("CHIEN_SI_THI_DUA_TINH".into()),
            },
            Rule::Initiative {
                scope: Scope::Provincial,
                count: 1,
                within_years: 3,
                kinds: Vec::new(),
                fresh: Some("CHIEN_SI_THI_DUA_TINH".into()),
            },
        ],
    };
    let again = check(&rule, &facts, 2026, &names);
    assert_eq!(again.status, CheckStatus::Failed, "{again:?}");
    assert_eq!(again.parts[0].status, CheckStatus::Failed);
    assert!(
        again.parts[0].detail.contains("thiếu năm 2024, 2025"),
        "{}",
        again.parts[0].detail
    );
    assert!(again.parts[0]
        .detail_en
        .contains("years up to 2025 were used for Provincial Emulation Fighter 2025"));
    assert_eq!(again.parts[1].status, CheckStatus::Failed);
    // The first time, for 2025, nothing had been used.
    let first = Facts {
        held: cstdcs(&[2023, 2024, 2025]),
        ..facts.clone()
    };
    assert!(check(&rule, &first, 2025, &names).passed());
}

#[test]
fn cstdcs_is_ldtt_and_any_one_of_three_alternatives() {
    let rule = Rule::AllOf {
        rules: vec![
            Rule::HoldsInYear {
                award: "LAO_DONG_TIEN_TIEN".into(),
            },
            Rule::AnyOf {
                rules: vec![
                    Rule::Rating {
                        min: Rating::Excellent,
                        years: 1,
                    },
                    Rule::Initiative {
                        scope: Scope::Unit,
                        count: 1,
                        within_years: 1,
                        kinds: vec![InitiativeKind::Initiative],
                        fresh: None,
                    },
                    Rule::Initiative {
                        scope: Scope::Unit,
                        count: 1,
                        within_years: 1,
                        kinds: vec![InitiativeKind::ResearchProject],
                        fresh: None,
                    },
                ],
            },
        ],
    };
    let ldtt = vec![("LAO_DONG_TIEN_TIEN".to_owned(), 2025)];
    // An excellent rating alone suffices, with no initiative.
    let excellent = Facts {
        held: ldtt.clone(),
        ratings: rated(&[(2025, Rating::Excellent)]),
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &excellent, 2025, &names).status,
        CheckStatus::Passed
    );
    // A research project alone suffices.
    let research = Facts {
        held: ldtt.clone(),
        ratings: rated(&[(2025, Rating::Good)]),
        initiatives: vec![(Scope::Unit, InitiativeKind::ResearchProject, 2025)],
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &research, 2025, &names).status,
        CheckStatus::Passed
    );
    // Good rating, nothing else: not eligible.
    let good = Facts {
        held: ldtt.clone(),
        ratings: rated(&[(2025, Rating::Good)]),
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &good, 2025, &names).status,
        CheckStatus::Failed
    );
    // No rating recorded and no initiative: not known, never passed.
    let unrated = Facts {
        held: ldtt,
        ratings: rated(&[]),
        ..Default::default()
    };
    let c = check(&rule, &unrated, 2025, &names);
    assert_eq!(c.status, CheckStatus::NotChecked, "{c:?}");
    assert_eq!(c.parts[1].parts[0].detail_en, "No rating recorded for 2025");
    // Without LĐTT nothing helps.
    let no_ldtt = Facts {
        ratings: rated(&[(2025, Rating::Excellent)]),
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &no_ldtt, 2025, &names).status,
        CheckStatus::Failed
    );
}

#[test]
fn ratings_withheld_are_not_checked() {
    let rule = Rule::Rating {
        min: Rating::Good,
        years: 2,
    };
    let c = check(&rule, &Facts::default(), 2025, &names);
    assert_eq!(c.status, CheckStatus::NotChecked);
    let facts = Facts {
        ratings: rated(&[(2024, Rating::Completed), (2025, Rating::Excellent)]),
        ..Default::default()
    };
    let c = check(&rule, &facts, 2025, &names);
    assert_eq!(c.status, CheckStatus::Failed);
    assert!(
        c.detail_en.contains("2024: completed the tasks"),
        "{}",
        c.detail_en
    );
}

#[test]
fn every_member_must_complete_the_tasks() {
    let rule = Rule::MembersRated {
        min: Rating::Completed,
        percent: 100,
    };
    let member = |rating| Member {
        held: Vec::new(),
        rating,
    };
    let all = Facts {
        members: Some(vec![
            member(Some(Rating::Good)),
            member(Some(Rating::Completed)),
        ]),
        members_rated: true,
        ..Default::default()
    };
    assert_eq!(check(&rule, &all, 2025, &names).status, CheckStatus::Passed);
    let one_failed = Facts {
        members: Some(vec![
            member(Some(Rating::Good)),
            member(Some(Rating::NotCompleted)),
        ]),
        members_rated: true,
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &one_failed, 2025, &names).status,
        CheckStatus::Failed
    );
    let one_unrated = Facts {
        members: Some(vec![member(Some(Rating::Good)), member(None)]),
        members_rated: true,
        ..Default::default()
    };
    let hidden = Facts {
        members_rated: false,
        ..all.clone()
    };
    assert_eq!(
        check(&rule, &hidden, 2025, &names).status,
        CheckStatus::NotChecked
    );
    assert_eq!(
        check(&rule, &one_unrated, 2025, &names).status,
        CheckStatus::NotChecked
    );
    assert_eq!(
        check(&rule, &Facts::default(), 2025, &names).status,
        CheckStatus::NotChecked
    );
}

#[test]
fn discipline_in_the_year_fails_and_an_inspection_is_not_discipline() {
    let record = |kind, start: &str, end: Option<&str>| Discipline {
        kind,
        start_on: start.parse().unwrap(),
        end_on: end.map(|e| e.parse().unwrap()),
        description: "Khiển trách".into(),
    };
    let facts = Facts {
        disciplines: Some(vec![
            record(DisciplineKind::Discipline, "2024-05-01", Some("2024-11-01")),
            record(DisciplineKind::Inspection, "2025-03-01", None),
        ]),
        ..Default::default()
    };
    assert_eq!(
        check(&Rule::NoDiscipline, &facts, 2024, &names).status,
        CheckStatus::Failed
    );
    assert_eq!(
        check(&Rule::NoDiscipline, &facts, 2025, &names).status,
        CheckStatus::Passed
    );
    assert_eq!(
        check(&Rule::NoDiscipline, &Facts::default(), 2025, &names).status,
        CheckStatus::NotChecked
    );
}

#[test]
fn any_of_with_a_judged_alternative_is_not_checked_unless_another_passes() {
    let rule = Rule::AnyOf {
        rules: vec![
            Rule::Streak {
                award: "CHIEN_SI_THI_DUA_CO_SO".into(),
                years: 2,
                fresh: None,
            },
            Rule::Judged {
                what: "thành tích đột xuất".into(),
                what_en: "an exceptional achievement".into(),
            },
        ],
    };
    let none = Facts::default();
    assert_eq!(
        check(&rule, &none, 2025, &names).status,
        CheckStatus::NotChecked
    );
    let two = Facts {
        held: cstdcs(&[2024, 2025]),
        ..Default::default()
    };
    assert_eq!(check(&rule, &two, 2025, &names).status, CheckStatus::Passed);
}

#[test]
fn initiatives_count_at_their_scope_or_wider_within_the_window() {
    let rule = Rule::Initiative {
        scope: Scope::Provincial,
        count: 1,
        within_years: 3,
        kinds: Vec::new(),
        fresh: None,
    };
    let of = |scope, year| Facts {
        initiatives: vec![(scope, InitiativeKind::Initiative, year)],
        ..Default::default()
    };
    assert!(!check(&rule, &of(Scope::Unit, 2023), 2023, &names).passed());
    assert!(!check(&rule, &of(Scope::National, 2019), 2023, &names).passed());
    assert!(check(&rule, &of(Scope::Provincial, 2022), 2023, &names).passed());
}

#[test]
fn members_share_and_led_cluster() {
    let ldtt = |n: usize| -> Option<Vec<Member>> {
        Some(
            (0..10)
                .map(|i| Member {
                    held: if i < n {
                        vec![("LAO_DONG_TIEN_TIEN".to_owned(), 2023)]
                    } else {
                        Vec::new()
                    },
                    rating: None,
                })
                .collect(),
        )
    };
    let rule = Rule::MembersShare {
        award: "LAO_DONG_TIEN_TIEN".into(),
        percent: 70,
    };
    let with = |members| Facts {
        members,
        ..Default::default()
    };
    assert!(check(&rule, &with(ldtt(7)), 2023, &names).passed());
    assert!(!check(&rule, &with(ldtt(6)), 2023, &names).passed());
    assert_eq!(
        check(&rule, &with(None), 2023, &names).status,
        CheckStatus::NotChecked
    );
    let led = Facts {
        led_cluster_years: vec![2020],
        ..Default::default()
    };
    assert!(check(&Rule::LedCluster, &led, 2020, &names).passed());
    assert!(!check(&Rule::LedCluster, &led, 2021, &names).passed());
}

#[test]
fn a_predecessors_titles_count_only_when_given_and_the_detail_says_so() {
    let facts = Facts {
        held: vec![("X".into(), 2025)],
        inherited: vec![("X".into(), 2024)],
        inherited_note: Some((
            "kể cả đơn vị tiền thân".into(),
            "including predecessors".into(),
        )),
        ..Default::default()
    };
    let rule = Rule::Streak {
        award: "X".into(),
        years: 2,
        fresh: None,
    };
    let c = check(&rule, &facts, 2025, &names);
    assert!(c.passed());
    assert!(
        c.detail.ends_with("(kể cả đơn vị tiền thân)"),
        "{}",
        c.detail
    );
    let without = Facts {
        inherited: Vec::new(),
        inherited_note: None,
        ..facts
    };
    assert!(!check(&rule, &without, 2025, &names).passed());
}

#[test]
fn rules_round_trip_as_json_data_and_old_rows_still_read() {
    let stored: Rule = serde_json::from_str(
        r#"{"kind":"INITIATIVE","scope":"PROVINCIAL","count":1,"withinYears":3}"#,
    )
    .unwrap();
    assert_eq!(
        stored,
        Rule::Initiative {
            scope: Scope::Provincial,
            count: 1,
            within_years: 3,
            kinds: Vec::new(),
            fresh: None,
        }
    );
    let tree: Rule = serde_json::from_value(serde_json::json!({
        "kind": "ALL_OF", "rules": [
            { "kind": "RATING", "min": "GOOD" },
            { "kind": "ANY_OF", "rules": [{ "kind": "NO_DISCIPLINE" }, { "kind": "JUDGED", "what": "a", "whatEn": "b" }] }
        ]
    }))
    .unwrap();
    let json = serde_json::to_value(&tree).unwrap();
    assert_eq!(json["rules"][0]["years"], 1);
    assert_eq!(serde_json::from_value::<Rule>(json).unwrap(), tree);
}

#[test]
fn problems_name_unknown_awards_bad_numbers_and_deep_trees() {
    let known = |code: &str| code == "LAO_DONG_TIEN_TIEN";
    let ok = Rule::MembersShare {
        award: "LAO_DONG_TIEN_TIEN".into(),
        percent: 70,
    };
    assert!(problems(&ok, &known).is_empty());
    let bad = Rule::AllOf {
        rules: vec![
            Rule::MembersShare {
                award: "NO_SUCH".into(),
                percent: 170,
            },
            Rule::AnyOf { rules: Vec::new() },
        ],
    };
    assert_eq!(
        problems(&bad, &known).len(),
        3,
        "{:?}",
        problems(&bad, &known)
    );
    let mut deep = ok;
    for _ in 0..MAX_DEPTH {
        deep = Rule::AllOf { rules: vec![deep] };
    }
    assert!(!problems(&deep, &known).is_empty());
}

#[test]
fn ten_months_of_service_by_the_end_of_the_year() {
    let rule = Rule::Served { months: 10 };
    let on = |day: &str| Facts {
        recruited_on: Some(Some(day.parse().unwrap())),
        ..Default::default()
    };
    assert!(check(&rule, &on("2025-03-01"), 2025, &names).passed());
    assert_eq!(
        check(&rule, &on("2025-03-02"), 2025, &names).status,
        CheckStatus::Failed
    );
    assert!(check(&rule, &on("2024-11-20"), 2025, &names).passed());
    let unknown = Facts {
        recruited_on: Some(None),
        ..Default::default()
    };
    assert_eq!(
        check(&rule, &unknown, 2025, &names).status,
        CheckStatus::NotChecked
    );
    assert_eq!(
        check(&rule, &Facts::default(), 2025, &names).status,
        CheckStatus::NotChecked
    );
}
