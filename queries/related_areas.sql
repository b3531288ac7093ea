-- The areas related to the chosen area, at every level but the country: the area itself
-- ('self'), the areas that contain it ('contains', e.g. a municipality's sub-region and region),
-- those that lie within it ('within') and those that share only part of it ('overlaps', e.g. the
-- regions a cross-region employment area touches). Areas are compared by their building blocks:
-- member municipalities, else member regions, else the area itself.
-- Grain: one row per related area. Parameters: $area.
with members as (
    select
        m.area_code,
        m.member_code,
        case b.level when 'municipality' then 0 when 'region' then 1 else 2 end as rank
    from area_members m
    join areas b on b.area_code = m.member_code
),

finest as (
    select area_code, min(rank) as rank
    from members
    group by area_code
),

units as (
    select m.area_code, m.member_code as unit
    from members m
    join finest f using (area_code, rank)
    union
    select a.area_code, a.area_code as unit
    from areas a
    where a.area_code not in (select area_code from members)
),

mine as (
    select distinct unit from units where area_code = $area
),

overlap as (
    select
        u.area_code,
        count(distinct u.unit) filter (where u.unit in (select unit from mine)) as shared,
        count(distinct u.unit) as units
    from units u
    where u.area_code <> $area
    group by u.area_code
),

related as (
    select $area as area_code, 'self' as relation
    where $area <> 'SSS'
    union all
    select
        o.area_code,
        case
            when o.shared = (select count(*) from mine) then 'contains'
            when o.shared = o.units then 'within'
            else 'overlaps'
        end
    from overlap o
    where o.shared > 0
)

select r.area_code, a.level, r.relation
from related r
join areas a using (area_code)
where a.level <> 'country'
order by r.relation, r.area_code
