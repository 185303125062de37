-- Storage schema of the minutes database (DuckDB). Keys are content-derived, so loading
-- the same file again replaces its rows with identical ones.
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,          -- sha256 of the file's bytes
    path VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    pages INTEGER,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,           -- minutes | other
    warnings VARCHAR[],
    ingested_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS meetings (
    id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    body VARCHAR,
    body_name VARCHAR,
    meeting_date DATE,
    start_time VARCHAR,
    end_time VARCHAR,
    location VARCHAR,
    chair VARCHAR,
    secretary VARCHAR
);
CREATE TABLE IF NOT EXISTS officials (   -- chair, secretary and adjusters of a meeting
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS items (
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    number VARCHAR NOT NULL,
    title VARCHAR,
    type_label VARCHAR,
    presenters VARCHAR[],
    attachments VARCHAR[],
    page INTEGER, line_start INTEGER, line_end INTEGER, char_start INTEGER, char_end INTEGER
);
CREATE TABLE IF NOT EXISTS decisions (
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    item_id VARCHAR,
    item_number VARCHAR,
    label VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    recap BOOLEAN NOT NULL,
    recap_of VARCHAR,
    page INTEGER, line_start INTEGER, line_end INTEGER, char_start INTEGER, char_end INTEGER,
    ocr BOOLEAN
);
CREATE TABLE IF NOT EXISTS attendance (
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,           -- present | absent | invited
    affiliation VARCHAR,
    person_id VARCHAR,
    page INTEGER, line_start INTEGER, line_end INTEGER
);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    meeting_id VARCHAR,
    name VARCHAR NOT NULL,
    surface VARCHAR,
    person_id VARCHAR,
    page INTEGER, line_start INTEGER, char_start INTEGER, char_end INTEGER
);
CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR PRIMARY KEY,
    document_id VARCHAR,
    stage VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL
);

CREATE OR REPLACE VIEW decisions_view AS
SELECT d.id AS decision_id, m.body, m.body_name, m.meeting_date, d.item_number, i.title AS item_title,
       d.label, d.text, d.recap, doc.path AS document_path, d.page
FROM decisions d
JOIN meetings m ON m.id = d.meeting_id
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN items i ON i.id = d.item_id;

CREATE OR REPLACE VIEW attendance_view AS
SELECT m.id AS meeting_id, m.body, m.meeting_date, a.name, a.role, a.affiliation, a.person_id,
       doc.path AS document_path
FROM attendance a
JOIN meetings m ON m.id = a.meeting_id
JOIN documents doc ON doc.id = a.document_id;
