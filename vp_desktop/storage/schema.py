"""The journal's schema, versioned with ``PRAGMA user_version`` and built by ordered migrations.

Personal content lives in its own tables (``case_personal``, ``persons``, ``consultations``,
``follow_ups``) so that destroying a case can remove it all while the statistical columns of
``cases`` stay.
"""

from __future__ import annotations

APPLICATION_ID = 0x5650444A  # "VPDJ": marks the (encrypted) file as a VP Desktop journal

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL              -- JSON
);
CREATE TABLE organisations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);

-- Statistical and administrative part of a case: survives destruction.
CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE,
    organisation_id      INTEGER NOT NULL REFERENCES organisations(id),
    opened               TEXT NOT NULL,
    closed               TEXT,
    status               TEXT NOT NULL CHECK (status IN ('open', 'gesloten')),
    relation             TEXT,
    melder_type          TEXT,
    channel              TEXT,
    gender               TEXT,
    age_band             TEXT,
    outcome              TEXT,
    destroy_after        TEXT,
    destroy_after_reason TEXT NOT NULL DEFAULT '',
    destroyed_at         TEXT,
    stat_contact_count   INTEGER,    -- snapshot taken when personal content is destroyed
    stat_minutes         INTEGER,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX cases_opened ON cases (opened);
CREATE TABLE case_categories (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    PRIMARY KEY (case_id, category)
) WITHOUT ROWID;

-- Personal part of a case: wiped on destruction.
CREATE TABLE case_personal (
    case_id             INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    summary             TEXT NOT NULL DEFAULT '',
    melder_anonymous    INTEGER NOT NULL DEFAULT 1,
    melder_name         TEXT NOT NULL DEFAULT '',
    melder_contact      TEXT NOT NULL DEFAULT '',
    contact_arrangement TEXT NOT NULL DEFAULT '',
    consent_given       INTEGER NOT NULL DEFAULT 0,
    consent_date        TEXT,
    incident_date       TEXT,
    report_date         TEXT,
    acknowledged_date   TEXT
);
CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX persons_case ON persons (case_id, position);
CREATE TABLE consultations (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    started_at       TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 0,
    channel          TEXT NOT NULL,
    notes            TEXT NOT NULL DEFAULT '',
    advice           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultations_case ON consultations (case_id, started_at);
-- maps full-text hits to their case without reading the (large) note rows
CREATE INDEX consultations_id_case ON consultations (id, case_id);
CREATE TABLE follow_ups (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    what          TEXT NOT NULL,
    due           TEXT NOT NULL,
    done          TEXT,
    kind          TEXT NOT NULL,
    destination   TEXT,
    statutory_key TEXT,
    UNIQUE (case_id, statutory_key)
);
CREATE INDEX follow_ups_case ON follow_ups (case_id, done, due);
CREATE INDEX follow_ups_open ON follow_ups (due) WHERE done IS NULL;

-- Unsaved forms kept when the app locks.
CREATE TABLE drafts (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    case_id  INTEGER,
    payload  TEXT NOT NULL,          -- JSON
    saved_at TEXT NOT NULL
);

-- Full-text search over notes, inside the encrypted file.
CREATE VIRTUAL TABLE consultation_fts USING fts5 (
    notes, advice, content='consultations', content_rowid='id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER consultations_ai AFTER INSERT ON consultations BEGIN
    INSERT INTO consultation_fts (rowid, notes, advice) VALUES (new.id, new.notes, new.advice);
END;
CREATE TRIGGER consultations_ad AFTER DELETE ON consultations BEGIN
    INSERT INTO consultation_fts (consultation_fts, rowid, notes, advice)
        VALUES ('delete', old.id, old.notes, old.advice);
END;
CREATE TRIGGER consultations_au AFTER UPDATE ON consultations BEGIN
    INSERT INTO consultation_fts (consultation_fts, rowid, notes, advice)
        VALUES ('delete', old.id, old.notes, old.advice);
    INSERT INTO consultation_fts (rowid, notes, advice) VALUES (new.id, new.notes, new.advice);
END;
CREATE VIRTUAL TABLE summary_fts USING fts5 (
    summary, content='case_personal', content_rowid='case_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER case_personal_ai AFTER INSERT ON case_personal BEGIN
    INSERT INTO summary_fts (rowid, summary) VALUES (new.case_id, new.summary);
END;
CREATE TRIGGER case_personal_ad AFTER DELETE ON case_personal BEGIN
    INSERT INTO summary_fts (summary_fts, rowid, summary) VALUES ('delete', old.case_id, old.summary);
END;
CREATE TRIGGER case_personal_au AFTER UPDATE OF summary ON case_personal BEGIN
    INSERT INTO summary_fts (summary_fts, rowid, summary) VALUES ('delete', old.case_id, old.summary);
    INSERT INTO summary_fts (rowid, summary) VALUES (new.case_id, new.summary);
END;
"""

# Version 2: letters. What was printed, saved or exported (never content), the VP's own
# letter templates, and the addresses the VP filled in per referral destination.
_V2 = """
CREATE TABLE activity_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    case_code   TEXT,
    template_id TEXT,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_log_at ON activity_log (at);
CREATE TABLE letter_templates (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    based_on    TEXT,
    updated_at  TEXT NOT NULL
);
CREATE TABLE addresses (
    destination TEXT PRIMARY KEY,
    lines       TEXT NOT NULL            -- JSON list of address lines
);
"""

# Version 3: the VP's own text for each yearly report (per organisation; 0 = all together).
_V3 = """
CREATE TABLE annual_reports (
    year            INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL DEFAULT 0,
    narrative       TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (year, organisation_id)
);
"""

# Version 4: retention. A legal hold per case ("bewaren wegens procedure": never destroyed
# while set), and the destruction log: what was destroyed or deleted when, with counts of the
# records removed — never content. It is re-applied after a restore.
_V4 = """
ALTER TABLE cases ADD COLUMN hold_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE destruction_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    case_code TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('vernietigd', 'verwijderd')),
    removed   TEXT NOT NULL DEFAULT '{}'      -- JSON: counts of records removed, per kind
);
CREATE INDEX destruction_log_code ON destruction_log (case_code);
"""



def _also_squashed(column: str, marks: str) -> str:
    """SQL: the text of ``column``, followed by the same text without ``marks`` when that
    differs ("O'Connor" also as "OConnor", "06-1234 5678" also as "0612345678"), so that a
    search typed without the punctuation finds it too."""
    squashed = column
    for mark in marks:
        squashed = f"replace({squashed}, '{mark.replace(chr(39), chr(39) * 2)}', '')"
    return f"{column} || CASE WHEN {squashed} != {column} THEN ' ' || {squashed} ELSE '' END"


def _names(prefix: str) -> str:
    return _also_squashed(f"{prefix}melder_name", "'’`-")


def _contact(prefix: str) -> str:
    return _also_squashed(f"{prefix}melder_contact", " -()/")


def _person(prefix: str) -> str:
    return _also_squashed(f"{prefix}name", "'’`-")


# Search (issue 9): the case-list search finds the melder's name and contact data and the
# names of the other persons. Full-text indexes inside the encrypted file, over views that add
# the squashed forms; kept in sync by triggers on every write, delete and destruction (and
# rebuilt with the other indexes when free space is wiped).
_V_SEARCH = f"""
CREATE VIEW melder_search (case_id, name, contact) AS
    SELECT case_id, {_names("")}, {_contact("")} FROM case_personal;
CREATE VIRTUAL TABLE melder_fts USING fts5 (
    name, contact, content='melder_search', content_rowid='case_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER melder_search_ai AFTER INSERT ON case_personal BEGIN
    INSERT INTO melder_fts (rowid, name, contact)
        VALUES (new.case_id, {_names("new.")}, {_contact("new.")});
END;
CREATE TRIGGER melder_search_ad AFTER DELETE ON case_personal BEGIN
    INSERT INTO melder_fts (melder_fts, rowid, name, contact)
        VALUES ('delete', old.case_id, {_names("old.")}, {_contact("old.")});
END;
CREATE TRIGGER melder_search_au AFTER UPDATE OF melder_name, melder_contact ON case_personal
BEGIN
    INSERT INTO melder_fts (melder_fts, rowid, name, contact)
        VALUES ('delete', old.case_id, {_names("old.")}, {_contact("old.")});
    INSERT INTO melder_fts (rowid, name, contact)
        VALUES (new.case_id, {_names("new.")}, {_contact("new.")});
END;
CREATE VIEW person_search (id, name) AS SELECT id, {_person("")} FROM persons;
CREATE VIRTUAL TABLE person_fts USING fts5 (
    name, content='person_search', content_rowid='id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER person_search_ai AFTER INSERT ON persons BEGIN
    INSERT INTO person_fts (rowid, name) VALUES (new.id, {_person("new.")});
END;
CREATE TRIGGER person_search_ad AFTER DELETE ON persons BEGIN
    INSERT INTO person_fts (person_fts, rowid, name) VALUES ('delete', old.id, {_person("old.")});
END;
CREATE TRIGGER person_search_au AFTER UPDATE OF name ON persons BEGIN
    INSERT INTO person_fts (person_fts, rowid, name) VALUES ('delete', old.id, {_person("old.")});
    INSERT INTO person_fts (rowid, name) VALUES (new.id, {_person("new.")});
END;
INSERT INTO melder_fts (melder_fts) VALUES ('rebuild');
INSERT INTO person_fts (person_fts) VALUES ('rebuild');
"""

# Kept letters: every letter printed or saved as PDF, kept in its case — the exact PDF bytes
# sent and the letter's text parts (for the case report and the inzage). Personal content:
# removed with the case's other content on destruction (see Journal._destroy). The row is
# written in the transaction of its activity-log line (``activity_id``) and removed again
# when that output is marked "mislukt".
_V_KEPT = """
CREATE TABLE kept_letters (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    activity_id    INTEGER,
    kept_at        TEXT NOT NULL,
    output         TEXT NOT NULL CHECK (output IN ('afgedrukt', 'opgeslagen')),
    template_id    TEXT NOT NULL,
    template_title TEXT NOT NULL,
    recipient      TEXT NOT NULL DEFAULT '',      -- destination label, e.g. "LKOG"
    with_identity  INTEGER NOT NULL DEFAULT 0,
    address        TEXT NOT NULL DEFAULT '',
    subject        TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL DEFAULT '',
    pdf            BLOB NOT NULL
);
CREATE INDEX kept_letters_case ON kept_letters (case_id, kept_at);
CREATE INDEX kept_letters_activity ON kept_letters (activity_id);
"""

# Feedback (issue 9): a statutory term that passed can be dismissed ("niet meer tonen"): the
# date it was dismissed. A dismissed term is neither open nor done; moving its date clears it.
_V_FEEDBACK = """
ALTER TABLE follow_ups ADD COLUMN dismissed TEXT;
"""

# Ordered migrations: MIGRATIONS[i] brings a journal from version i to version i + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V_SEARCH, _V_KEPT, _V_FEEDBACK)

LATEST_VERSION = len(MIGRATIONS)
