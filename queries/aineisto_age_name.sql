-- The names of one age group, for the download heading.
-- Grain: one row (none for an unknown code). Parameters: $age.
select g.age_group, g.name_fi, g.name_sv, g.name_en
from age_groups g
where g.age_group = $age
