import { sql, type Kysely } from 'kysely'

// Maintained per-unit totals (docs/architecture.md, "Maintained totals"). A cold results read summed every
// score of the period (330,000 rows for a province); it now reads one `unit_totals` row per unit.
//
// The totals are kept by statement-level triggers on `scores` (and on a change of a period's framework),
// so every write path (a score PUT, an import, a not-applicable mark, a psql session) keeps them in its own
// transaction, with nothing for a new write path to forget. A trigger does not add up deltas: it recomputes
// the units its statement touched from their scores (`unit_totals_computed`), which is exact by
// construction and costs about what the statement's own rows cost.
//
// A unit's row is locked before its recomputation, in a statement of its own: under READ COMMITTED a second
// writer of the same unit waits for the first to commit, and then reads the first one's scores too.
//
// The totals are what the results computation reads per unit (src/modules/results/repository.ts):
// - `points`: the final points of its applicable stored leaves (appraised, else self, else 0);
// - `field_points`: the same per field, `position:points` for the fields with an applicable stored leaf,
//   comma-separated in position order (a field is a top-level criterion of the period's framework);
// - `self_points`: self-assessed points of its applicable leaves;
// - `settled`: stored leaves that need no more appraisal (appraised, not applicable, or with counts);
// - `not_applicable`: codes of the leaves that do not apply (marked so, or a denominator of 0);
// - `ratio_counts`: `criterion:numerator:denominator:appraised` of its applicable ratio leaves with counts.
// `npm run verify-totals` compares them with `unit_totals_computed` on a live database.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table unit_totals (
    period_code text not null,
    unit_code text not null,
    points numeric not null default 0,
    field_points text not null default '',
    self_points numeric not null default 0,
    settled integer not null default 0,
    not_applicable text not null default '',
    ratio_counts text not null default '',
    constraint unit_totals_pk primary key (period_code, unit_code),
    constraint unit_totals_period_unit_fk foreign key (period_code, unit_code)
      references period_units (period_code, unit_code) on delete cascade
  )`.execute(db)

  // Each leaf of a framework's content and the position of its top-level criterion (its field), as
  // src/domain/fields.ts maps them: a criterion without `children` is a leaf.
  await sql`create function framework_leaf_fields(content jsonb)
    returns table (criterion_code text, field integer)
    language sql immutable parallel safe as $$
      with recursive walk(node, field) as (
        select c.node, (c.position - 1)::integer
        from jsonb_array_elements(content -> 'criteria') with ordinality c(node, position)
        union all
        select child.node, walk.field
        from walk cross join lateral jsonb_array_elements(walk.node -> 'children') child(node)
        where walk.node ? 'children'
      )
      select node ->> 'code', min(field) from walk where not (node ? 'children') group by node ->> 'code'
    $$`.execute(db)

  // The totals of the given units (pairs of period_codes[i], unit_codes[i]) as their scores give them now.
  // Unit by unit (a lateral subquery over the unit's scores, read through the primary key): grouping all
  // the scores of an import by unit and field at once sorted them all, 3–4× as slow. Each score's field
  // is looked up in a JSON object of the period's leaves, rather than joined.
  await sql`create function unit_totals_computed(period_codes text[], unit_codes text[])
    returns table (period_code text, unit_code text, points numeric, field_points text, self_points numeric,
      settled integer, not_applicable text, ratio_counts text)
    language sql stable as $$
      with wanted as (
        select distinct c.period_code, c.unit_code from unnest(period_codes, unit_codes) c(period_code, unit_code)
      ), field_maps as materialized (
        select p.code as period_code,
          (select jsonb_object_agg(l.criterion_code, l.field) from framework_leaf_fields(f.content) l) as fields
        from periods p join frameworks f on f.code = p.framework_code
        where p.code in (select w.period_code from wanted w)
      )
      select w.period_code, w.unit_code, u.points, u.field_points, u.self_points, u.settled, u.not_applicable,
        u.ratio_counts
      from wanted w
      left join field_maps m on m.period_code = w.period_code
      cross join lateral (
        select coalesce(sum(f.points), 0) as points,
          coalesce(string_agg(f.field || ':' || f.points, ',' order by f.field)
            filter (where f.field is not null and f.points is not null), '') as field_points,
          coalesce(sum(f.self_points), 0) as self_points,
          coalesce(sum(f.settled), 0)::integer as settled,
          coalesce(string_agg(f.not_applicable, ',' order by f.field nulls last), '') as not_applicable,
          coalesce(string_agg(f.ratio_counts, ',' order by f.field nulls last), '') as ratio_counts
        from (
          select (m.fields ->> s.criterion_code)::integer as field,
            sum(coalesce(s.appraised, s.self, 0)) filter (where a.applicable) as points,
            sum(s.self) filter (where a.applicable) as self_points,
            count(*) filter (where s.not_applicable or s.appraised is not null or s.numerator is not null) as settled,
            string_agg(s.criterion_code, ',' order by s.criterion_code) filter (where not a.applicable)
              as not_applicable,
            string_agg(
              s.criterion_code || ':' || s.numerator || ':' || s.denominator || ':' || (s.appraised is not null)::int,
              ',' order by s.criterion_code
            ) filter (where s.numerator is not null and a.applicable) as ratio_counts
          from scores s
          cross join lateral (select not s.not_applicable and s.denominator is distinct from 0 as applicable) a
          where s.period_code = w.period_code and s.unit_code = w.unit_code
          group by 1
        ) f
      ) u
    $$`.execute(db)

  // Brings the given units' rows up to date: creates the missing ones and locks them all (in key order,
  // so two refreshes never wait on each other in a cycle), then, in a later statement that sees what the
  // writers it waited for committed, recomputes them. No units (null arrays, from an aggregate over no
  // rows): nothing to do.
  await sql`create function unit_totals_refresh(period_codes text[], unit_codes text[])
    returns void language plpgsql as $$
    begin
      if period_codes is null then
        return;
      end if;
      insert into unit_totals (period_code, unit_code)
        select distinct c.period_code, c.unit_code from unnest(period_codes, unit_codes) c(period_code, unit_code)
        order by 1, 2
        on conflict do nothing;
      perform 1 from unit_totals t
        where (t.period_code, t.unit_code) in (select * from unnest(period_codes, unit_codes))
        order by t.period_code, t.unit_code
        for update;
      update unit_totals t set points = c.points, field_points = c.field_points, self_points = c.self_points,
          settled = c.settled, not_applicable = c.not_applicable, ratio_counts = c.ratio_counts
        from unit_totals_computed(period_codes, unit_codes) c
        where t.period_code = c.period_code and t.unit_code = c.unit_code
          and (t.points, t.field_points, t.self_points, t.settled, t.not_applicable, t.ratio_counts)
            is distinct from (c.points, c.field_points, c.self_points, c.settled, c.not_applicable, c.ratio_counts);
    end $$`.execute(db)

  // One trigger function per event: a statement trigger with transition tables takes a single event.
  await sql`create function scores_totals_after_insert() returns trigger language plpgsql as $$
    begin
      perform unit_totals_refresh(array_agg(period_code), array_agg(unit_code))
        from (select distinct period_code, unit_code from inserted_scores) c;
      return null;
    end $$`.execute(db)
  await sql`create function scores_totals_after_update() returns trigger language plpgsql as $$
    begin
      perform unit_totals_refresh(array_agg(period_code), array_agg(unit_code))
        from (
          select period_code, unit_code from updated_scores union select period_code, unit_code from replaced_scores
        ) c;
      return null;
    end $$`.execute(db)
  await sql`create function scores_totals_after_delete() returns trigger language plpgsql as $$
    begin
      perform unit_totals_refresh(array_agg(period_code), array_agg(unit_code))
        from (
          select distinct d.period_code, d.unit_code from deleted_scores d
          join period_units pu on pu.period_code = d.period_code and pu.unit_code = d.unit_code
        ) c;
      return null;
    end $$`.execute(db)
  await sql`create function scores_totals_after_truncate() returns trigger language plpgsql as $$
    begin
      delete from unit_totals;
      return null;
    end $$`.execute(db)
  await sql`create trigger scores_totals_insert after insert on scores
    referencing new table as inserted_scores for each statement execute function scores_totals_after_insert()`.execute(
    db,
  )
  await sql`create trigger scores_totals_update after update on scores
    referencing old table as replaced_scores new table as updated_scores
    for each statement execute function scores_totals_after_update()`.execute(db)
  await sql`create trigger scores_totals_delete after delete on scores
    referencing old table as deleted_scores for each statement execute function scores_totals_after_delete()`.execute(
    db,
  )
  await sql`create trigger scores_totals_truncate after truncate on scores
    for each statement execute function scores_totals_after_truncate()`.execute(db)

  // The leaf → field mapping comes from the period's framework: a change of either recomputes the period.
  // The service allows neither once a period has scores; these keep a hand-made change exact too.
  await sql`create function periods_totals_after_framework_change() returns trigger language plpgsql as $$
    begin
      perform unit_totals_refresh(array_agg(s.period_code), array_agg(s.unit_code))
        from (select distinct period_code, unit_code from scores where period_code = new.code) s;
      return null;
    end $$`.execute(db)
  await sql`create trigger periods_totals_framework after update of framework_code on periods
    for each row when (old.framework_code is distinct from new.framework_code)
    execute function periods_totals_after_framework_change()`.execute(db)
  await sql`create function frameworks_totals_after_content_change() returns trigger language plpgsql as $$
    begin
      perform unit_totals_refresh(array_agg(s.period_code), array_agg(s.unit_code))
        from (
          select distinct s.period_code, s.unit_code from periods p join scores s on s.period_code = p.code
          where p.framework_code = new.code
        ) s;
      return null;
    end $$`.execute(db)
  await sql`create trigger frameworks_totals_content after update of content on frameworks
    for each row when (old.content is distinct from new.content)
    execute function frameworks_totals_after_content_change()`.execute(db)

  await sql`select unit_totals_refresh(array_agg(period_code), array_agg(unit_code))
    from (select distinct period_code, unit_code from scores) c`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger frameworks_totals_content on frameworks`.execute(db)
  await sql`drop trigger periods_totals_framework on periods`.execute(db)
  for (const event of ['insert', 'update', 'delete', 'truncate']) {
    await sql`drop trigger ${sql.id(`scores_totals_${event}`)} on scores`.execute(db)
    await sql`drop function ${sql.id(`scores_totals_after_${event}`)}()`.execute(db)
  }
  await sql`drop function frameworks_totals_after_content_change()`.execute(db)
  await sql`drop function periods_totals_after_framework_change()`.execute(db)
  await sql`drop function unit_totals_refresh(text[], text[])`.execute(db)
  await sql`drop function unit_totals_computed(text[], text[])`.execute(db)
  await sql`drop function framework_leaf_fields(jsonb)`.execute(db)
  await sql`drop table unit_totals`.execute(db)
}
