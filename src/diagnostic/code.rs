//! Every error fairrec can report, as one enum: a stable code string for scripts and a line
//! of documentation for people. `docs/errors.md` is generated from [`ErrorCode::ALL`] and a
//! test fails when it is stale.

/// Declares the codes once: the enum, its stable strings and its documentation come from
/// the same lines, so they cannot drift apart.
macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident => $code:literal, )+) => {
        /// A stable error code. Scripts may match on [`ErrorCode::as_str`]; never renumber or
        /// rename one, add new ones instead.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The stable code, such as `fairrec::rules::unknown-field`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $code, )+
                }
            }

            /// What the code means, in one or two sentences.
            pub fn description(self) -> String {
                let text = match self {
                    $( ErrorCode::$variant => concat!($($doc, " "),+), )+
                };
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        }
    };
}

error_codes! {
    /// A document file, a folder or a rule file could not be read: missing, not permitted,
    /// not a regular file, or not UTF-8 text.
    Io => "fairrec::io",
    /// A folder given to check holds no document file (`.yaml` or `.yml`, in any case).
    InputNoDocuments => "fairrec::input::no-documents",
    /// The system refused to start a thread to check files, so they were not checked.
    RunThreads => "fairrec::run::threads",
    /// A command-line argument is missing or malformed.
    CliArguments => "fairrec::cli::arguments",
    /// `--as-of` is not a date written as YYYY-MM-DD.
    CliAsOf => "fairrec::cli::bad-as-of",
    /// `--kind` names no document kind of the rule pack.
    CliUnknownKind => "fairrec::cli::unknown-kind",
    /// A file or a value is over one of the input limits (docs/limits.md); the message names
    /// the option that raises it.
    LimitExceeded => "fairrec::limits::exceeded",
    /// A text value is longer than `--max-string-bytes`.
    LimitString => "fairrec::limits::string",
    /// The text is not valid YAML, or uses a YAML feature fairrec does not take.
    DocumentYaml => "fairrec::document::yaml",
    /// A YAML tag (`!!binary`, `!!str`, `!custom`...) on a key or a value: fairrec interprets
    /// no tag, so none is accepted.
    DocumentTag => "fairrec::document::tag",
    /// A `%YAML` directive for a version other than 1.2.
    DocumentYamlVersion => "fairrec::document::yaml-version",
    /// The file holds no YAML document.
    DocumentEmpty => "fairrec::document::empty",
    /// A document is not a mapping of fields.
    DocumentNotAMapping => "fairrec::document::not-a-mapping",
    /// A document has no `kind`.
    DocumentMissingKind => "fairrec::document::missing-kind",
    /// `kind` is not a plain word.
    DocumentKind => "fairrec::document::kind",
    /// `kind` names no document kind of the rule pack.
    DocumentUnknownKind => "fairrec::document::unknown-kind",
    /// `schema_version` differs from the version of the kind in the rule pack.
    DocumentSchemaVersion => "fairrec::document::schema-version",
    /// A required field is missing.
    DocumentMissingField => "fairrec::document::missing-field",
    /// A field the kind or record does not declare.
    DocumentUnknownField => "fairrec::document::unknown-field",
    /// A value of the wrong shape (a list where a record is expected, text for a number...).
    DocumentWrongType => "fairrec::document::wrong-type",
    /// A required field given as `~` (empty), or a required list given as `[]`.
    DocumentEmptyField => "fairrec::document::empty-field",
    /// A number outside the range of what it counts (a negative count, an age above 120, a
    /// tier below 1), a part larger than its whole (more workers reporting than
    /// interviewed), or a period that ends before it starts.
    DocumentOutOfRange => "fairrec::document::out-of-range",
    /// A value that is not one of its enum's values.
    DocumentEnumValue => "fairrec::document::enum-value",
    /// A number, amount, date, language or country code that cannot be read exactly.
    DocumentInvalidValue => "fairrec::document::invalid-value",
    /// A currency that is not an ISO 4217 code.
    DocumentCurrency => "fairrec::document::currency",
    /// An exchange rate that is not a positive number.
    DocumentRate => "fairrec::document::rate",
    /// An exchange rate from a currency to itself, a second rate for the same pair, or a
    /// rate beside its inverse: one rate per pair, in one direction.
    DocumentRateConflict => "fairrec::document::rate-conflict",
    /// The waiver file (`--waivers`) is not one list of waivers, or a waiver in it is not a
    /// mapping of fields.
    WaiversShape => "fairrec::waivers::shape",
    /// A field a waiver does not have (the fields are rule, document, item, reason,
    /// approved_by, approved_on and expires).
    WaiversUnknownField => "fairrec::waivers::unknown-field",
    /// A waiver lacks one of its required fields.
    WaiversMissingField => "fairrec::waivers::missing-field",
    /// A waiver's value is empty, not text, not a date written YYYY-MM-DD, or it expires
    /// before it was approved.
    WaiversInvalidValue => "fairrec::waivers::invalid-value",
    /// A waiver names a rule id the rule pack does not have.
    WaiversUnknownRule => "fairrec::waivers::unknown-rule",
    /// The earlier audit (`--baseline`) is not JSON.
    BaselineJson => "fairrec::baseline::json",
    /// The earlier audit is JSON but not a report fairrec wrote with `--format json`.
    BaselineNotAReport => "fairrec::baseline::not-a-report",
    /// The earlier audit is a fairrec JSON report of another format version.
    BaselineVersion => "fairrec::baseline::version",
    /// The earlier audit was written before documents had stable ids, so its documents
    /// cannot be matched with this run's.
    BaselineNoIds => "fairrec::baseline::no-ids",
    /// The rule-pack folder holds no `.fr` file.
    RulesEmptyPack => "fairrec::rules::empty-pack",
    /// A rule file does not follow the grammar of the rule language.
    RulesSyntax => "fairrec::rules::syntax",
    /// Brackets nested deeper than the rule language allows.
    RulesTooDeep => "fairrec::rules::too-deep",
    /// An expression with more operands and operators than the rule language allows.
    RulesTooLong => "fairrec::rules::too-long",
    /// A number in a rule file that is too large.
    RulesNumber => "fairrec::rules::number",
    /// An amount of money in a rule file that cannot be read.
    RulesMoney => "fairrec::rules::money",
    /// A name declared twice (type, field, enum value, rule id, parameter, condition...).
    RulesDuplicate => "fairrec::rules::duplicate",
    /// A rule item (`when`, `title`...) given twice in one rule.
    RulesDuplicateItem => "fairrec::rules::duplicate-item",
    /// A rule lacks a required item.
    RulesMissingItem => "fairrec::rules::missing-item",
    /// A kind redeclares a field every document has (`kind`, `schema_version`, `name`, `id`,
    /// `exchange_rates`).
    RulesEnvelopeField => "fairrec::rules::envelope-field",
    /// A type name that is neither built in nor declared.
    RulesUnknownType => "fairrec::rules::unknown-type",
    /// A field a record or kind does not declare.
    RulesUnknownField => "fairrec::rules::unknown-field",
    /// A name that is not a variable, a field, a parameter or a named condition.
    RulesUnknownName => "fairrec::rules::unknown-name",
    /// A word that is not a value of the enum it is compared with.
    RulesUnknownEnumValue => "fairrec::rules::unknown-enum-value",
    /// A `kinds` entry that names no document kind.
    RulesUnknownKind => "fairrec::rules::unknown-kind",
    /// `params.x` names no parameter.
    RulesUnknownParam => "fairrec::rules::unknown-param",
    /// A citation of a principle, guideline or instrument the pack does not declare.
    RulesUnknownCitation => "fairrec::rules::unknown-citation",
    /// A rule or parameter override that cites no legal basis.
    RulesNoBasis => "fairrec::rules::no-basis",
    /// An instrument category other than convention, standard, guidance, national_law or
    /// practice.
    RulesInstrumentCategory => "fairrec::rules::instrument-category",
    /// A severity other than critical, high, medium or low.
    RulesSeverity => "fairrec::rules::severity",
    /// An outcome other than violation or gap.
    RulesOutcome => "fairrec::rules::outcome",
    /// `covers` names something other than an enum value.
    RulesCovers => "fairrec::rules::covers",
    /// Operands of types that the operator cannot combine, or a condition that is not
    /// true/false.
    RulesTypeMismatch => "fairrec::rules::type-mismatch",
    /// A variable bound while another of the same name is in scope.
    RulesShadowedVariable => "fairrec::rules::shadowed-variable",
    /// More variables bound at once than evaluation can afford.
    RulesTooManyVariables => "fairrec::rules::too-many-variables",
    /// A named condition called with the wrong number or types of arguments, or that calls
    /// itself.
    RulesCall => "fairrec::rules::call",
    /// A `with` lookup of a kind that declares no `key`, or with the wrong key values.
    RulesLookup => "fairrec::rules::lookup",
    /// A kind's `id (...)` clause names a path that does not lead through records to a field
    /// holding a single value.
    RulesIdentity => "fairrec::rules::id",
    /// `overlay`, `set` or `disable` used wrongly: outside an overlay, twice, or naming a
    /// parameter or rule that does not exist.
    RulesOverlay => "fairrec::rules::overlay",
    /// A construct the parser should never produce; please report it.
    RulesInternal => "fairrec::rules::internal",
    /// An `# expect:` or `# as-of:` line of a rule fixture that cannot be read (no outcome, an
    /// unknown outcome, a place given to `pass`, a date that is not one), that contradicts
    /// another, or that stands below the comment block at the top of the file.
    FixtureExpectation => "fairrec::fixture::expectation",
    /// A fixture expects something of a rule the pack does not have, or that an overlay
    /// disabled.
    FixtureUnknownRule => "fairrec::fixture::unknown-rule",
    /// A YAML file given to `fairrec test` states no expectation, so it is not a fixture.
    FixtureNoExpectations => "fairrec::fixture::no-expectations",
    /// `fairrec check-rules`: two rules have the same name.
    LintDuplicateName => "fairrec::lint::duplicate-name",
    /// `fairrec check-rules`: a rule cites no general principle, so reports cannot group it.
    LintNoPrinciple => "fairrec::lint::no-principle",
    /// `fairrec check-rules`: a rule's `source` does not say what the text it rests on asks.
    LintNoSource => "fairrec::lint::no-source",
    /// `fairrec check-rules`: a rule cites a convention or national act without the article
    /// or section it rests on.
    LintUnpinnedCitation => "fairrec::lint::unpinned-citation",
    /// `fairrec check-rules`: a rule's `remedy` is empty.
    LintNoRemedy => "fairrec::lint::no-remedy",
    /// `fairrec check-rules`: a rule's documentation lacks `## What it checks`, `## Why it
    /// matters`, `## Example` or `## Compliant`.
    LintDocSection => "fairrec::lint::doc-section",
    /// `fairrec check-rules`: a documented example is not a valid document, does not make the
    /// rule fire (`## Example`) or does not make it pass (`## Compliant`).
    LintDocExample => "fairrec::lint::doc-example",
    /// `fairrec check-rules`: no fixture expects the rule to report a violation or a gap.
    LintNoFailingFixture => "fairrec::lint::no-failing-fixture",
    /// `fairrec check-rules`: no fixture expects the rule to pass.
    LintNoPassingFixture => "fairrec::lint::no-passing-fixture",
    /// `fairrec check-rules`: a parameter is declared or set, but no rule reads it.
    LintUnusedParam => "fairrec::lint::unused-param",
    /// `fairrec check-rules`: an allowlist entry cannot be read, or allows nothing.
    LintAllowlist => "fairrec::lint::allowlist",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `docs/errors.md`: every code with its meaning.
pub fn errors_markdown() -> String {
    let mut out = String::from(
        "# Error codes\n\nGenerated from the code by `fairrec errors > docs/errors.md`; a test fails when this file is\nstale.\nEvery error fairrec reports carries one of these codes, in human output (after the\nmessage) and in JSON (`code`). Scripts may rely on them: codes are never renamed.\n\n| code | meaning |\n|---|---|\n",
    );
    for code in ErrorCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            code.as_str(),
            code.description()
        ));
    }
    out
}
