-- The projects databank and monitoring tables (../shared/design/CONTRACT.md section 2b).
-- Created in every database, filled from the raw folder's projects/ (empty when it has none).

create table indicators (
    indicator varchar primary key,  -- ESF+ common indicator code, e.g. EECO01, EECR04
    kind      varchar not null,     -- output | result
    name_fi   varchar not null,
    name_sv   varchar,
    name_en   varchar,
    unit      varchar
);

create table projects (
    project_code          varchar primary key,  -- EURA code (S21884) or an own code (OMA-...)
    name_fi               varchar,
    name_sv               varchar,
    name_en               varchar,
    implementer           varchar,
    business_id           varchar,
    fund                  varchar,
    programme_period      varchar,  -- 2014–2020 | 2021–2027
    specific_objective    varchar,
    funding_authority     varchar,
    status                varchar,  -- as the official export states it, else null
    start_date            date,
    end_date              date,
    planned_eu_state_eur  double,
    realised_eu_state_eur double,
    planned_total_eur     double,
    in_theme              boolean not null,  -- a sub-project of the matching theme
    summary_fi            varchar,
    url                   varchar,
    source                varchar not null   -- eura2021 | workbook | demo | app
);

create table project_areas (
    project_code varchar not null,
    area_code    varchar not null,  -- 'SSS' for national projects
    primary key (project_code, area_code)
);

create table project_target_groups (
    project_code varchar not null,
    target_group varchar not null,  -- 55+ | 50+ | 45+ | pitkäaikaistyöttömät | ...
    primary key (project_code, target_group)
);

create table project_themes (
    project_code varchar not null,
    theme        varchar not null,
    primary key (project_code, theme)
);

create table practices (
    practice_id    varchar primary key,  -- project code and running number: S20762-1
    project_code   varchar not null,
    kind           varchar not null,     -- hyvä_käytäntö | tulos | julkaisu | työkalu
    title_fi       varchar not null,
    title_sv       varchar,
    title_en       varchar,
    description_fi varchar,
    adoption_fi    varchar,
    evidence_fi    varchar,
    url            varchar,
    published      date,
    -- Innokylä's structure, kept in the editable databank (CONTRACT.md 2c); null from a workbook
    target_fi      varchar,              -- target group
    environment_fi varchar,              -- operating environment
    resources_fi   varchar,              -- resources needed
    contact_fi     varchar,              -- contact
    created_on     date,                 -- first published in the databank
    changed_on     date                  -- the published version's date
);

create table project_indicators (
    project_code varchar not null,
    period_end   date not null,     -- the reporting period's last day; figures are cumulative
    indicator    varchar not null,
    sex          varchar not null,  -- SSS | 1 | 2
    target       double,
    achieved     double,
    source       varchar not null,  -- the file it came from
    primary key (project_code, period_end, indicator, sex)
);

-- Where the official export and the workbook disagree on a fact; the official value is used.
create table project_differences (
    project_code    varchar not null,
    field           varchar not null,
    workbook_value  varchar,
    official_value  varchar,
    official_source varchar not null
);

-- The files the projects came from, with the export date an official export's footer gives.
create table project_files (
    file      varchar not null,
    kind      varchar not null,  -- eura2021 | workbook | demo | store
    projects  integer not null,
    practices integer not null,
    reports   integer not null,
    exported  varchar
);
