-- The public database schema (../shared/design/CONTRACT.md section 2).
-- Long format: one observation per row, dimensions as codes, names in dimension tables.

create table areas (
    area_code   varchar primary key,
    level       varchar not null,  -- country | coordinator_area | major_region | ely | elinvoimakeskus
                                   -- | region | employment_area | sub_region | municipality
                                   -- | unallocated: codes a source publishes outside the
                                   --   classifications (MK91, ELY80, SK902, KU199, MKJO, ELYJO,
                                   --   SKJOU, KUJOU); never in maps, rankings or sums of areas
    name_fi     varchar not null,
    name_sv     varchar,
    name_en     varchar,
    parent_code varchar
);

create table area_members (
    area_code   varchar not null,  -- an area that is a sum of others
    member_code varchar not null,  -- a municipality or region in it
    member_level varchar not null, -- municipality | region
    primary key (area_code, member_code)
);

create table measures (
    measure        varchar primary key,
    name_fi        varchar not null,
    name_sv        varchar,
    name_en        varchar,
    unit           varchar not null,  -- persons | percent | weeks
    description_fi varchar,
    description_en varchar,
    description_sv varchar,
    derived        boolean not null  -- true for indicators computed in views
);

create table age_groups (
    age_group varchar primary key,  -- SSS, lo-hi inclusive, or lo- open upward
    min_age   integer,
    max_age   integer,
    name_fi   varchar not null,
    name_sv   varchar,
    name_en   varchar
);

create table occupations (
    occupation_code varchar primary key,
    level           integer not null,  -- 0 = all, 1..4 = digits of the code, 9 = X classes
    parent_code     varchar,
    name_fi         varchar not null,
    name_sv         varchar,
    name_en         varchar
);

create table industries (
    industry_code varchar primary key,
    level         integer not null,  -- 0 = all, 1 = TOL 2008 section or section group
    parent_code   varchar,
    name_fi       varchar not null,
    name_sv       varchar,
    name_en       varchar
);

create table sources (
    source_table varchar primary key,  -- e.g. tyonv/12r5
    title        varchar not null,
    publisher    varchar not null,
    url          varchar,
    licence      varchar not null,
    retrieved_at timestamp,  -- UTC, when the fetch wrote the answers (latest); NULL if unknown
    first_period date,
    last_period  date,
    updated      timestamp   -- UTC, the source's own last update (latest over its answers)
);

create table observations (
    measure         varchar not null,
    period          date not null,     -- first day of the month, quarter or year
    frequency       varchar not null,  -- month | quarter | year
    area_code       varchar not null,
    age_group       varchar not null,
    occupation_code varchar not null,
    industry_code   varchar not null,
    sex             varchar not null,  -- SSS | 1 men | 2 women
    value           double,            -- NULL where the source suppresses or lacks it
    status          varchar not null,  -- observed | aggregated | estimated | demo
    source_table    varchar not null
);

-- Build facts for the app and for analysts: when, from what, demo or not.
create table build_info (
    key   varchar primary key,
    value varchar
);

-- Area boundaries for maps: one GeoJSON geometry (WGS84) per area, where the raw folder has them.
create table boundaries (
    area_code varchar primary key,
    level     varchar not null,
    geometry  varchar not null  -- GeoJSON geometry object as text
);
