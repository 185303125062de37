-- Storage schema of the minutes database (DuckDB). Keys are content-derived, so loading
-- the same file again replaces its rows with identical ones.
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,          -- sha256 of the file's bytes
    path VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    encoding VARCHAR,                -- text files: the encoding detected (cp1252, utf-16-le, ...)
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
    person_id VARCHAR,
    link_score DOUBLE,               -- 0-100, see persons below
    link_method VARCHAR
);
CREATE TABLE IF NOT EXISTS items (
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    number VARCHAR NOT NULL,
    title VARCHAR,
    case_number VARCHAR,             -- "BUN 2020/123": the case (diarienummer) the § handles
    type_label VARCHAR,
    presenters VARCHAR[],
    attachments VARCHAR[],
    page INTEGER, line_start INTEGER, line_end INTEGER, char_start INTEGER, char_end INTEGER,
    ocr BOOLEAN,                     -- read from a scanned page by OCR
    ocr_confidence DOUBLE            -- then Tesseract's lowest line confidence (0-100)
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
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    votes_for INTEGER,               -- a vote tally stated with the decision, else NULL
    votes_against INTEGER,
    votes_abstained INTEGER,
    votes_eligible INTEGER,          -- "röstlängd": how many could vote
    adjusted_immediately BOOLEAN     -- "Paragrafen justeras omedelbart"
);
CREATE TABLE IF NOT EXISTS attendance (
    id VARCHAR PRIMARY KEY,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,           -- present | absent | invited
    affiliation VARCHAR,
    party VARCHAR,                   -- "M", "S": municipal protokoll write it after the name
    role_text VARCHAR,               -- the role as printed: "ordförande", "tjänstgörande ersättare"
    substitutes_for VARCHAR,         -- "ersätter X"
    limited_to VARCHAR,              -- a presence limit as written: "§§ 29-35", "från kl. 14.00"
    paragraphs VARCHAR[],            -- the § numbers that limit covers
    person_id VARCHAR,
    page INTEGER, line_start INTEGER, line_end INTEGER,
    link_score DOUBLE,
    link_method VARCHAR,
    ocr BOOLEAN,
    ocr_confidence DOUBLE
);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    meeting_id VARCHAR,
    name VARCHAR NOT NULL,
    surface VARCHAR,
    person_id VARCHAR,
    page INTEGER, line_start INTEGER, char_start INTEGER, char_end INTEGER,
    link_score DOUBLE,
    link_method VARCHAR,
    ocr BOOLEAN,
    ocr_confidence DOUBLE
);
-- Municipal protokoll: who moved what (yrkanden), roll calls, reservations and recusals.
-- Each row names its decision or item and, through the registry, its person.
CREATE TABLE IF NOT EXISTS motions (
    id VARCHAR PRIMARY KEY,
    decision_id VARCHAR,
    item_id VARCHAR,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    person_name VARCHAR,             -- NULL for a party group's motion
    party VARCHAR,
    text VARCHAR NOT NULL,
    outcome VARCHAR,                 -- won | lost | withdrawn, NULL when the minutes do not say
    person_id VARCHAR,
    link_score DOUBLE,
    link_method VARCHAR,
    page INTEGER, line_start INTEGER, line_end INTEGER
);
CREATE TABLE IF NOT EXISTS votes (       -- one row per member in a roll call (omröstning)
    id VARCHAR PRIMARY KEY,
    decision_id VARCHAR,
    item_id VARCHAR,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    person_name VARCHAR NOT NULL,
    party VARCHAR,
    vote VARCHAR NOT NULL,           -- ja | nej | avstår | frånvarande
    person_id VARCHAR,
    link_score DOUBLE,
    link_method VARCHAR,
    page INTEGER, line_start INTEGER
);
CREATE TABLE IF NOT EXISTS reservations (
    id VARCHAR PRIMARY KEY,
    decision_id VARCHAR,
    item_id VARCHAR,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    person_name VARCHAR,             -- a member; NULL when a group reserved and the attendance does not say who
    party VARCHAR,
    grp VARCHAR,                     -- the group as written ("S-ledamöterna"), NULL for one member
    text VARCHAR NOT NULL,
    person_id VARCHAR,
    link_score DOUBLE,
    link_method VARCHAR,
    page INTEGER, line_start INTEGER
);
CREATE TABLE IF NOT EXISTS recusals (    -- jäv: who took no part in an item
    id VARCHAR PRIMARY KEY,
    item_id VARCHAR,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    person_name VARCHAR NOT NULL,
    party VARCHAR,
    person_id VARCHAR,
    link_score DOUBLE,
    link_method VARCHAR,
    page INTEGER, line_start INTEGER
);
-- People. `persons` is the registry file (data/registry/persons.csv), reloaded every run.
-- person_id on attendance, officials, mentions and presenters says who a name is;
-- link_method is exact | alias | fuzzy | first-name-in-meeting | context, and NULL with
-- person_id NULL when the name was not linked (it is then in link_review).
CREATE TABLE IF NOT EXISTS persons (
    person_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    aliases VARCHAR[],
    organisation VARCHAR,
    title VARCHAR,
    valid_from DATE,
    valid_to DATE,
    note VARCHAR
);
CREATE TABLE IF NOT EXISTS person_parties (   -- the registry's parties column: a person's party over time
    person_id VARCHAR NOT NULL,
    party VARCHAR NOT NULL,
    valid_from DATE,
    valid_to DATE
);
CREATE TABLE IF NOT EXISTS presenters (  -- items.presenters, one row per name
    id VARCHAR PRIMARY KEY,
    item_id VARCHAR NOT NULL,
    meeting_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    person_id VARCHAR,
    link_score DOUBLE,
    link_method VARCHAR
);
CREATE TABLE IF NOT EXISTS link_review (  -- names left unlinked, for `minutes people review`
    id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    meeting_id VARCHAR,
    source VARCHAR NOT NULL,         -- attendance | chair | secretary | adjuster | presenter | mention
    row_id VARCHAR NOT NULL,         -- id of that row in its table
    name VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,         -- ambiguous (several candidates) | weak (one, below the link score) | unknown
    best_score DOUBLE,
    candidates STRUCT(person_id VARCHAR, name VARCHAR, score DOUBLE)[]
);
-- Databases made before the link columns existed get them here.
ALTER TABLE attendance ADD COLUMN IF NOT EXISTS link_score DOUBLE;
ALTER TABLE attendance ADD COLUMN IF NOT EXISTS link_method VARCHAR;
ALTER TABLE officials ADD COLUMN IF NOT EXISTS link_score DOUBLE;
ALTER TABLE officials ADD COLUMN IF NOT EXISTS link_method VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS link_score DOUBLE;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS link_method VARCHAR;
CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR PRIMARY KEY,
    document_id VARCHAR,
    stage VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
-- What the database was built with (schema version, registry digest): a database made
-- with another schema is rebuilt from data/processed/ by `minutes run`.
CREATE TABLE IF NOT EXISTS build_info (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
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

-- The same meeting in several files (a signed PDF and its DOCX, a text export): meetings of
-- one body with the same date and the same items (numbers and the start of each title) are
-- copies of one meeting. Every file stays in `documents`; `meeting_key` is the copy the views
-- count (the first by id), `copies` and `copy_ids` say which others there are. A meeting with
-- neither date nor items is only ever its own.
CREATE OR REPLACE VIEW meeting_copies AS
WITH sig AS (
    SELECT m.id, m.document_id, m.body, m.meeting_date,
           coalesce(string_agg(i.number || ':' || left(lower(regexp_replace(i.title, '[^[:alnum:]]+', '', 'g')), 12),
                               '|' ORDER BY i.line_start), '') AS items
    FROM meetings m LEFT JOIN items i ON i.meeting_id = m.id
    GROUP BY m.id, m.document_id, m.body, m.meeting_date
)
SELECT id AS meeting_id, document_id,
       first_value(id) OVER w AS meeting_key,
       count(*) OVER w AS copies,
       list(id) OVER w AS copy_ids
FROM sig
WINDOW w AS (PARTITION BY body, meeting_date, items, CASE WHEN items = '' AND meeting_date IS NULL THEN id END
             ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);

-- Attendance per person per body per year, each meeting once however many files hold it.
CREATE OR REPLACE VIEW person_attendance AS
WITH rows AS (
    SELECT a.person_id, a.name, a.role, m.body, m.meeting_date, mc.meeting_key AS meeting
    FROM attendance a JOIN meetings m ON m.id = a.meeting_id
    JOIN meeting_copies mc ON mc.meeting_id = a.meeting_id
    WHERE a.person_id IS NOT NULL
)
SELECT r.person_id, p.name AS person, r.body, year(r.meeting_date) AS year,
       count(DISTINCT r.meeting) AS meetings,
       count(DISTINCT r.meeting) FILTER (WHERE r.role = 'present') AS present,
       count(DISTINCT r.meeting) FILTER (WHERE r.role = 'absent') AS absent,
       count(DISTINCT r.meeting) FILTER (WHERE r.role = 'invited') AS invited,
       list(DISTINCT r.name ORDER BY r.name) AS written_as
FROM rows r
LEFT JOIN persons p ON p.person_id = r.person_id
GROUP BY r.person_id, p.name, r.body, year(r.meeting_date);

-- What each person presented, was named in, chaired, took notes at or adjusted.
CREATE OR REPLACE VIEW person_activity AS
WITH acts AS (
    SELECT pr.person_id, 'presented' AS activity, pr.meeting_id, pr.document_id, i.number AS item_number,
           i.title AS item_title, pr.name, i.page
    FROM presenters pr JOIN items i ON i.id = pr.item_id
    UNION ALL
    SELECT mn.person_id, 'mentioned', mn.meeting_id, mn.document_id, i.number, i.title, mn.name, mn.page
    FROM mentions mn
    LEFT JOIN items i ON i.meeting_id = mn.meeting_id AND mn.line_start BETWEEN i.line_start AND i.line_end
    UNION ALL
    SELECT o.person_id, o.role, o.meeting_id, o.document_id, NULL, NULL, o.name, NULL
    FROM officials o
)
SELECT acts.person_id, p.name AS person, acts.activity, m.body, m.meeting_date, acts.item_number,
       acts.item_title, acts.name AS written_as, doc.path AS document_path, acts.page
FROM acts
JOIN documents doc ON doc.id = acts.document_id
LEFT JOIN meetings m ON m.id = acts.meeting_id
LEFT JOIN persons p ON p.person_id = acts.person_id
WHERE acts.person_id IS NOT NULL;

-- Municipal protokoll: each member's voting record, with the decision and the meeting.
CREATE OR REPLACE VIEW member_votes AS
SELECT v.person_id, coalesce(p.name, v.person_name) AS member, v.person_name AS written_as, v.party,
       m.body, m.meeting_date, i.number AS item_number, i.title AS item_title, i.case_number, v.vote,
       d.text AS decision, d.votes_for, d.votes_against, d.votes_abstained, doc.path AS document_path, v.page
FROM votes v
JOIN meetings m ON m.id = v.meeting_id
JOIN meeting_copies mc ON mc.meeting_id = v.meeting_id AND mc.meeting_key = v.meeting_id
JOIN documents doc ON doc.id = v.document_id
LEFT JOIN items i ON i.id = v.item_id
LEFT JOIN decisions d ON d.id = v.decision_id
LEFT JOIN persons p ON p.person_id = v.person_id;

-- How each party voted on each roll call.
CREATE OR REPLACE VIEW party_votes AS
SELECT m.body, m.meeting_date, i.number AS item_number, i.title AS item_title, v.decision_id, v.party,
       count(*) FILTER (WHERE v.vote = 'ja') AS ja,
       count(*) FILTER (WHERE v.vote = 'nej') AS nej,
       count(*) FILTER (WHERE v.vote = 'avstår') AS avstår,
       count(*) FILTER (WHERE v.vote = 'frånvarande') AS frånvarande
FROM votes v
JOIN meetings m ON m.id = v.meeting_id
JOIN meeting_copies mc ON mc.meeting_id = v.meeting_id AND mc.meeting_key = v.meeting_id
LEFT JOIN items i ON i.id = v.item_id
GROUP BY ALL;

-- Reservations per party, body and year (a group's reservation counts once per decision).
CREATE OR REPLACE VIEW reservations_per_party AS
SELECT r.party, m.body, year(m.meeting_date) AS year,
       count(DISTINCT coalesce(r.decision_id, r.item_id)) AS decisions_reserved_against,
       count(*) AS member_reservations
FROM reservations r
JOIN meetings m ON m.id = r.meeting_id
JOIN meeting_copies mc ON mc.meeting_id = r.meeting_id AND mc.meeting_key = r.meeting_id
GROUP BY ALL;

-- Attendance per member, with party, role and whom a substitute replaced.
CREATE OR REPLACE VIEW member_attendance AS
SELECT a.person_id, coalesce(p.name, a.name) AS member, a.name AS written_as, a.party, a.role, a.role_text,
       a.substitutes_for, a.limited_to, a.paragraphs, m.body, m.meeting_date, doc.path AS document_path,
       mc.copy_ids AS same_meeting_ids
FROM attendance a
JOIN meetings m ON m.id = a.meeting_id
JOIN meeting_copies mc ON mc.meeting_id = a.meeting_id AND mc.meeting_key = a.meeting_id
JOIN documents doc ON doc.id = a.document_id
LEFT JOIN persons p ON p.person_id = a.person_id;
