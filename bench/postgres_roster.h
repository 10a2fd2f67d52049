// The PostgreSQL side of the side-by-side shortlist benchmark (bench/shortlist_bench.cc): a private
// PostgreSQL 15 cluster holding the roster, and the ranking rule of API.md ("Shortlist ranking (v1)")
// computed by PostgreSQL in one SQL query, so the benchmark can check that both sides return the same
// list and compare their latency.
//
// Schema: one row per live mediator (soft-deleted records are not loaded: the rule excludes them).
//   mediators(name, network, id, years, availability,
//             nationalities, expertise, roles, regions text[]   -- as listed
//             regions_within text[]    -- every code on the ICU containment chain of each of her regions
//             languages_at text[]      -- "code:N" for every level N from 1 up to hers: "speaks ar at C1 or
//                                         above" is languages_at @> '{ar:5}'
//             unavailable datemultirange)  -- her periods, closed at both ends
// with GIN indexes on the arrays the hard filters can use (languages_at, expertise, roles) and a primary
// key on (network, id). Text columns collate "C", so ids and networks order by bytes as in C++.
//
// The query computes the score in double precision in the rule's order and rounds it half away from zero
// with an exact float8 formula (PostgreSQL's round(float8) rounds half to even, and a numeric cast keeps
// only 15 digits), so its scores are bit-for-bit those of wps::matching::Score. Shape: the filtered rows
// with their scaled score (behind an OFFSET 0 fence, so it is computed once per row, not once per use:
// 3x faster), the rounded score, count(*) OVER () for total_matched (as fast as a second count query
// and keeps it one statement), row_number() OVER (PARTITION BY network ...) <= max_per_network when
// asked, ORDER BY score DESC, years DESC, id, network, LIMIT count. Preferred languages and expertise
// are counted one containment test per listed term, as RankingQuery's lists are deduplicated.
//
// Thread safety: thread-compatible (one libpq connection); call from one thread at a time.
#ifndef WPS_BENCH_POSTGRES_ROSTER_H_
#define WPS_BENCH_POSTGRES_ROSTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "services/matching/shortlist_ranking.h"
#include "wps/roster/v1/resources.pb.h"

struct pg_conn;  // libpq's PGconn, kept out of this header

namespace wps::bench {

struct PostgresShortlist {
  // networks/{network}/mediators/{id} and the rounded score, best first.
  std::vector<std::pair<std::string, double>> candidates;
  int64_t total_matched = 0;  // records passing step 1 of the rule
};

class PostgresRoster {
 public:
  // Starts a private cluster: a fresh directory /tmp/wps-pg-XXXXXX (owned by the `postgres` user when
  // running as root, since initdb and postgres refuse to run as root), initdb, then pg_ctl start
  // listening on 127.0.0.1 at a free port with its socket in that directory, tuned for bulk loading
  // (fsync off, minimal WAL, no autovacuum, 1 GB shared_buffers, 256 MB work_mem, JIT off). Connects
  // over the Unix socket.
  // FAILED_PRECONDITION when PostgreSQL 15 is not installed (apt-get install postgresql) or, as root,
  // there is no `postgres` user; INTERNAL with the tail of the server's log when initdb or start fails.
  static absl::StatusOr<std::unique_ptr<PostgresRoster>> Start();

  // Stops the cluster (pg_ctl stop -m fast) and removes its directory. A process killed before this runs
  // leaves the server behind: runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl stop -D DIR/data.
  ~PostgresRoster();
  PostgresRoster(const PostgresRoster&) = delete;
  PostgresRoster& operator=(const PostgresRoster&) = delete;

  // Replaces the table with `mediators`: in one transaction, (re)creates the table and streams the live
  // records with COPY (text format, FREEZE); then builds the indexes and ANALYZEs. Names must be of the
  // form networks/{network}/mediators/{id} (INVALID_ARGUMENT otherwise; network and id are taken from
  // it) and unique (the primary key build fails otherwise). INTERNAL with PostgreSQL's message when a
  // statement fails; a failure before COMMIT leaves the previous table as it was.
  absl::Status Load(absl::Span<const roster::v1::Mediator> mediators);

  // The shortlist for `query` per the ranking rule, computed by PostgreSQL in one statement (the SQL
  // text holds only the clauses the query uses; values travel as parameters). INTERNAL with
  // PostgreSQL's message on failure.
  absl::StatusOr<PostgresShortlist> Shortlist(const matching::RankingQuery& query);

  // The SQL text and parameters Shortlist() sends for `query`, for EXPLAIN and the benchmark's report.
  struct Statement {
    std::string sql;
    std::vector<std::string> params;
  };
  static Statement ShortlistStatement(const matching::RankingQuery& query);

  // Runs `sql` (no parameters) and returns its rows, each as its text fields, tab-joined: for ad-hoc
  // EXPLAIN ANALYZE and settings in the benchmark. INTERNAL with PostgreSQL's message on failure.
  absl::StatusOr<std::vector<std::string>> Execute(const std::string& sql);

  // The cluster's directory and port, for the report.
  const std::string& dir() const { return dir_; }
  int port() const { return port_; }

 private:
  PostgresRoster() = default;
  absl::Status InitAndStart();
  absl::Status Connect();
  absl::Status Exec(const std::string& sql);
  absl::Status CopyRows(absl::Span<const roster::v1::Mediator> mediators);
  void Stop();

  std::string dir_;       // /tmp/wps-pg-XXXXXX
  std::string data_dir_;  // dir_/data
  int port_ = 0;
  bool started_ = false;
  pg_conn* conn_ = nullptr;
};

}  // namespace wps::bench

#endif  // WPS_BENCH_POSTGRES_ROSTER_H_
