#!/usr/bin/env bash
# A district's round with curl, from an empty service to the published ranking and its files: the same
# flow as examples/typescript-client/district-flow.ts, on the sample district of examples/data.
#
#   CCHC_URL=http://127.0.0.1:3000 CCHC_TOKEN=<an admin token> bash examples/quickstart.sh
#
# CCHC_PERIOD names the period (default hoa-vang-2024; a published period cannot be scored again, so take
# another code to run it a second time); CCHC_OUT is the directory for the exported files (default: a new
# temporary directory). Needs bash and curl only.
set -eu

CCHC_URL=${CCHC_URL:-http://127.0.0.1:3000}
: "${CCHC_TOKEN:?set CCHC_TOKEN to an admin token}"
PERIOD=${CCHC_PERIOD:-hoa-vang-2024}
FRAMEWORK=hoa-vang-2024
DATA=$(cd "$(dirname "$0")/data" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
XLSX=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet

# call EXPECTED METHOD PATH [curl options...]: sends the request with the token; the answer's body lands
# in $WORK/body and its headers in $WORK/headers. Any other status than EXPECTED (a case pattern) prints
# the answer, a problem+json document (type, detail, and errors pointing at each place at fault), and stops.
call() {
  expected=$1 method=$2 path=$3
  shift 3
  status=$(curl -sS -X "$method" -H "authorization: Bearer $CCHC_TOKEN" \
    -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}' "$@" "$CCHC_URL$path")
  # shellcheck disable=SC2254 # EXPECTED is a pattern
  case $status in
    $expected) ;;
    *)
      printf '%s %s: HTTP %s (expected %s)\n' "$method" "$path" "$status" "$expected" >&2
      cat "$WORK/body" >&2
      echo >&2
      exit 1
      ;;
  esac
}
json() { call "$@" -H 'content-type: application/json'; }
# header NAME: the value of a header of the last answer.
header() { grep -i "^$1:" "$WORK/headers" | sed 's/^[^:]*: *//' | tr -d '\r'; }
# first NAME: the first number named NAME in the last answer's JSON.
first() { grep -o "\"$1\":[-0-9.]*" "$WORK/body" | sed -n '1s/.*://p'; }

# 1. The framework (201 created, 200 when the same one is already there).
json '20[01]' PUT "/v1/frameworks/$FRAMEWORK" --data-binary "@$DATA/framework.json"
echo "framework $FRAMEWORK: $(first totalPoints) points"

# 2. The units: units.json holds one unit a line, `"code": {name, group}`, the body of PUT /v1/units/{code}.
codes= count=0
while read -r code body; do
  json '20[01]' PUT "/v1/units/$code" --data-binary "$body"
  codes="$codes${codes:+,}\"$code\"" count=$((count + 1))
done < <(sed -n 's/^ *"\([^"]*\)": *\({.*}\),\{0,1\} *$/\1 \2/p' "$DATA/units.json")
echo "units: $count"

# 3. The period: the framework and the units it assesses. It starts open.
json '20[01]' PUT "/v1/periods/$PERIOD" \
  --data-binary "{\"name\":\"Chỉ số CCHC huyện Hòa Vang năm 2024 (ví dụ)\",\"year\":2024,\"framework\":\"$FRAMEWORK\",\"units\":[$codes]}"
if ! grep -q '"status":"open"' "$WORK/body"; then
  echo "period $PERIOD is not open: name another one (CCHC_PERIOD)" >&2
  exit 1
fi
echo "period $PERIOD: open"

# 4. While open, the units' self-assessment as JSON rows, taken from the template's `self` column.
rows=
while IFS=, read -r unit criterion self _; do
  [ "$unit" = unit ] && continue
  rows="$rows${rows:+,}{\"unit\":\"$unit\",\"criterion\":\"$criterion\",\"self\":$self}"
done <"$DATA/scores.csv"
json 200 POST "/v1/periods/$PERIOD/scores/import" --data-binary "{\"rows\":[$rows]}"
echo "self-assessment (JSON import): $(first rows) rows, $(first created) created"

# 5. Appraisal, then the council's filled template as it is (text/csv). Its `self` column is what is
#    stored already, so re-sending it is harmless although self-assessment is now closed.
json 200 POST "/v1/periods/$PERIOD/status" --data-binary '{"status":"appraisal"}'
echo "period $PERIOD: open → appraisal"
call 200 POST "/v1/periods/$PERIOD/scores/import" -H 'content-type: text/csv' --data-binary "@$DATA/scores.csv"
echo "appraisal (CSV import): $(first rows) rows, $(first updated) updated"

# 6. A correction with If-Match: read the scorecard and its ETag, write with that ETag. A write still
#    holding the old ETag is then refused with 412 precondition-failed, and nothing is written.
unit=/v1/periods/$PERIOD/units/xa-hoa-lien
call 200 GET "$unit/scorecard"
etag=$(header etag)
before=$(first index)
json 200 PUT "$unit/scores" -H "if-match: $etag" \
  --data-binary '{"scores":[{"criterion":"3.1","appraised":24}],"reason":"Đơn vị giải trình bổ sung tài liệu kiểm chứng"}'
echo "xa-hoa-lien 3.1 := 24 with If-Match: index $before → $(first index)"
json 412 PUT "$unit/scores" -H "if-match: $etag" --data-binary '{"scores":[{"criterion":"3.1","appraised":22}]}'
echo "stale If-Match: 412 $(sed -n 's/.*"type":"\([^"]*\)".*/\1/p' "$WORK/body")"

# 7. Publication: the results are frozen.
json 200 POST "/v1/periods/$PERIOD/status" --data-binary '{"status":"published"}'
echo "period $PERIOD: appraisal → published"

# 8. The results: JSON for the statistics, then the files (CSV with ?format=, XLSX with Accept).
call 200 GET "/v1/periods/$PERIOD/results"
# The first "statistics" of the document is the index's (the fields' come after it).
mean=$(grep -o '"statistics":{"count":[0-9]*,"mean":[-0-9.]*' "$WORK/body" |
  sed -n '1s/.*"count":\([0-9]*\),"mean":\(.*\)/\2 over \1 units/p')
OUT=${CCHC_OUT:-$(mktemp -d)}
call 200 GET "/v1/periods/$PERIOD/results?format=csv"
csv=$OUT/$(header content-disposition | sed 's/.*filename="\([^"]*\)".*/\1/')
cp "$WORK/body" "$csv"
call 200 GET "/v1/periods/$PERIOD/results" -H "accept: $XLSX"
xlsx=$OUT/$(header content-disposition | sed 's/.*filename="\([^"]*\)".*/\1/')
cp "$WORK/body" "$xlsx"

# The ranking, read from the CSV export: its rows are in ranking order; the unit's code and name come
# first and the last seven columns are the index, band, rank, group rank, satisfaction index and rank,
# and the provisional mark (docs/api.md, "CSV"). The sample's names hold no comma, so no data cell is
# quoted; the comma added to each line keeps its last cell when that cell is empty.
echo "published ranking:"
while IFS= read -r line; do
  IFS=, read -r -a cells <<<"$line,"
  n=${#cells[@]}
  printf '%4s. %6s  %s (%s)\n' "${cells[n - 5]}" "${cells[n - 7]}" "${cells[1]}" "${cells[n - 6]}"
done < <(tr -d '\r' <"$csv" | sed 1d)
echo "mean $mean"
echo "exports: $csv $xlsx"
