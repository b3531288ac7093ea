-- The areas related to the chosen area at every level: the area itself ('self'), the areas that
-- contain it ('contains', e.g. a municipality's sub-region and region) and those within it
-- ('within'), compared by their building blocks (member municipalities, else member regions,
-- else the area itself). The country is left out: it is the reference line of every ranking.
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
)

select $area as area_code, 'self' as relation
where $area <> 'SSS'
union all
select
    o.area_code,
    case when o.shared = (select count(*) from mine) then 'contains' else 'within' end
from overlap o
join areas a using (area_code)
where o.shared > 0 and a.level <> 'country'
  and (o.shared = (select count(*) from mine) or o.shared = o.units)
order by relation, area_code
