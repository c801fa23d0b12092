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

# Feedback (issue 9): a statutory term that passed can be dismissed ("niet meer tonen"): the
# date it was dismissed. A dismissed term is neither open nor done; moving its date clears it.
_V_FEEDBACK = """
ALTER TABLE follow_ups ADD COLUMN dismissed TEXT;
"""

# Ordered migrations: MIGRATIONS[i] brings a journal from version i to version i + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V_FEEDBACK)
LATEST_VERSION = len(MIGRATIONS)
