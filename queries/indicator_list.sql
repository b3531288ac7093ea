-- The ESF+ common indicators the databank knows, with their names.
-- Grain: one row per indicator. Parameters: none.
select indicator, kind, name_fi, name_sv, name_en, unit
from indicators
order by indicator
