/**
 * The statements the service sends for GET …/results, compiled from the repositories themselves
 * (`ResultsRepository.unitTotalsQuery`, `SurveyRepository.talliesQuery` for every unit), so that what is
 * timed and EXPLAINed here is exactly what the service runs.
 */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { ResultsRepository } from '../../src/modules/results/repository.js'
import { SurveyRepository } from '../../src/modules/survey/repository.js'
import type { BenchDatabase } from './postgres.js'

// Compiling needs a dialect, not a connection: this pool is never used.
const compiler = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) })

export interface Statement {
  text: string
  params: unknown[]
}

const statement = (query: {
  compile(db: Kysely<never>): { sql: string; parameters: readonly unknown[] }
}): Statement => {
  const compiled = query.compile(compiler)
  return { text: compiled.sql, params: [...compiled.parameters] }
}

/** The unit-totals statement the service sends for a period's results. */
export const unitTotalsStatement = (period: string): Statement => statement(ResultsRepository.unitTotalsQuery(period))
/**
 * The unit-totals statement as it was before results had fields (one sum per unit, the not-applicable
 * leaves as an array): the baseline the report benchmark compares the statement with fields against.
 */
export const unitTotalsWithoutFieldsStatement = (period: string): Statement => ({
  text: `
    select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
      coalesce(p.points, 0)::text as appraisal_points,
      coalesce(p.settled, 0)::int as settled,
      coalesce(p.not_applicable, '{}') as not_applicable
    from period_units pu
    join units u on u.code = pu.unit_code
    left join (
      select unit_code,
        sum(coalesce(appraised, self, 0)) filter (where not not_applicable) as points,
        count(*) filter (where not_applicable or appraised is not null) as settled,
        array_agg(criterion_code order by criterion_code) filter (where not_applicable) as not_applicable
      from scores
      where period_code = $1
      group by unit_code
    ) p on p.unit_code = pu.unit_code
    where pu.period_code = $1`,
  params: [period],
})
export const talliesStatement = (period: string, satisfiedFrom: number): Statement =>
  statement(SurveyRepository.talliesQuery(period, satisfiedFrom))

export interface Explained {
  executionMs: number
  planningMs: number
  plan: string[]
}

export interface Timed {
  /** Client-side wall time of each run (pg, rows fetched), milliseconds. */
  ms: number[]
  rows: number
  explain: Explained
}

/** Runs the statement `runs` times (timed from the client, rows fetched), then once under EXPLAIN (ANALYZE, BUFFERS). */
export async function timeStatement(db: BenchDatabase, { text, params }: Statement, runs = 3): Promise<Timed> {
  const client: pg.Client = await db.connect()
  try {
    const ms: number[] = []
    let rows = 0
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      const result = await client.query(text, params)
      ms.push(Math.round((performance.now() - start) * 10) / 10)
      rows = result.rowCount ?? result.rows.length
    }
    const { rows: lines } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params)
    const plan = lines.map((r) => r['QUERY PLAN'])
    const at = (label: string): number =>
      Number(/([\d.]+) ms/.exec(plan.find((l) => l.startsWith(label)) ?? '')?.[1] ?? NaN)
    return { ms, rows, explain: { executionMs: at('Execution Time'), planningMs: at('Planning Time'), plan } }
  } finally {
    await client.end()
  }
}

export interface TableStatistics {
  table: string
  liveRows: number
  /** Rows changed since the table was last analyzed: the planner's statistics do not know them. */
  modifiedSinceAnalyze: number
  lastAnalyze: string | null
  lastAutoanalyze: string | null
}

/** pg_stat_user_tables of the run's tables: whether the planner's statistics describe the data yet. */
export async function tableStatistics(db: BenchDatabase, tables: readonly string[]): Promise<TableStatistics[]> {
  const client: pg.Client = await db.connect()
  try {
    const { rows } = await client.query<{
      relname: string
      n_live_tup: string
      n_mod_since_analyze: string
      last_analyze: Date | null
      last_autoanalyze: Date | null
    }>(
      `select relname, n_live_tup::text, n_mod_since_analyze::text, last_analyze, last_autoanalyze
       from pg_stat_user_tables where schemaname = current_schema() and relname = any($1::text[]) order by relname`,
      [tables],
    )
    return rows.map((r) => ({
      table: r.relname,
      liveRows: Number(r.n_live_tup),
      modifiedSinceAnalyze: Number(r.n_mod_since_analyze),
      lastAnalyze: r.last_analyze?.toISOString() ?? null,
      lastAutoanalyze: r.last_autoanalyze?.toISOString() ?? null,
    }))
  } finally {
    await client.end()
  }
}

/**
 * Every table of the run's schema (or database), in name order: what a benchmark analyses when the
 * statements it times may read tables it does not name (a service change can add one).
 */
export async function runTables(db: BenchDatabase): Promise<string[]> {
  const client: pg.Client = await db.connect()
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = current_schema() order by tablename`,
    )
    return rows.map((r) => r.tablename)
  } finally {
    await client.end()
  }
}

/** Per table, what a reader of a figure needs: rows, rows the statistics do not know yet, when analysed. */
export const statisticsState = (tables: readonly TableStatistics[]) =>
  Object.fromEntries(
    tables.map((t) => [
      t.table,
      {
        liveRows: t.liveRows,
        modifiedSinceAnalyze: t.modifiedSinceAnalyze,
        analyzed: t.lastAnalyze ?? t.lastAutoanalyze,
      },
    ]),
  )

/**
 * Turns autovacuum off (or back to the server's setting) for every table of the run's schema or
 * database, so that whether the planner's statistics are stale does not depend on when autovacuum wakes
 * (every autovacuum_naptime, 1 min by default): a storage parameter, nothing the planner reads.
 */
export async function setAutovacuum(db: BenchDatabase, enabled: boolean): Promise<void> {
  const tables = await runTables(db)
  const client: pg.Client = await db.connect()
  try {
    for (const tablename of tables) {
      const name = `"${tablename.replaceAll('"', '""')}"`
      await client.query(
        enabled
          ? `alter table ${name} reset (autovacuum_enabled)`
          : `alter table ${name} set (autovacuum_enabled = off)`,
      )
    }
  } finally {
    await client.end()
  }
}

/** ANALYZE of the run's tables (what autovacuum would do a minute or so after a bulk write). */
export async function analyzeTables(db: BenchDatabase, tables: readonly string[]): Promise<number> {
  const client: pg.Client = await db.connect()
  try {
    const start = performance.now()
    for (const table of tables) await client.query(`analyze "${table.replaceAll('"', '""')}"`)
    return Math.round(performance.now() - start)
  } finally {
    await client.end()
  }
}
