#include "bench/postgres_roster.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "base/status_macros.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/search/mediator_index.h"

namespace wps::bench {
namespace {

using roster::v1::Mediator;

constexpr char kPgBin[] = "/usr/lib/postgresql/15/bin";
constexpr char kRunuser[] = "/usr/sbin/runuser";
constexpr char kPgUser[] = "postgres";
constexpr size_t kCopyChunkBytes = 1 << 20;
constexpr int kStartAttempts = 3;

// Bulk-load and read-only-benchmark settings: durability is worthless for a throwaway cluster; 1 GB of
// shared buffers holds a million rows and their indexes; JIT compilation costs more than it saves on
// queries of this size (measured: see the benchmark's report).
constexpr char kServerSettings[] = R"(
# --- wps::bench::PostgresRoster ---
listen_addresses = '127.0.0.1'
max_connections = 20
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
archive_mode = off
max_wal_size = '8GB'
checkpoint_timeout = '1h'
autovacuum = off
shared_buffers = '1GB'
work_mem = '256MB'
maintenance_work_mem = '1GB'
max_parallel_maintenance_workers = 2
jit = off
logging_collector = off
)";

bool IsRoot() { return geteuid() == 0; }

std::string PgBinary(absl::string_view name) { return absl::StrCat(kPgBin, "/", name); }

// Runs argv (argv[0] an absolute path) in `cwd` with stdout and stderr appended to `log_path`, as the
// postgres user when we are root. Returns its exit code, or -1 when it could not be run.
int RunAsPostgres(std::vector<std::string> argv, const std::string& cwd, const std::string& log_path) {
  if (IsRoot()) argv.insert(argv.begin(), {kRunuser, "-u", kPgUser, "--"});
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {  // only async-signal-safe calls until execv
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log < 0 || chdir(cwd.c_str()) != 0) _exit(127);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    const int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string TailOf(const std::string& path, size_t max_bytes = 2000) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > max_bytes ? all.substr(all.size() - max_bytes) : all;
}

// A TCP port on 127.0.0.1 that nobody listens on right now.
absl::StatusOr<int> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  if (port <= 0) return absl::InternalError("could not find a free port on 127.0.0.1");
  return port;
}

std::string PgError(pg_conn* conn, absl::string_view what) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return absl::StrCat("PostgreSQL: ", what, ": ", message);
}

void IgnoreNotice(void*, const char*) {}

// PGresult owner.
struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// --- COPY text format ---

// Appends `value` as one field of COPY's text format: backslash, tab, newline and carriage return escaped.
void AppendCopyField(absl::string_view value, std::string& out) {
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

// The array literal {"a","b"} of `values`, each quoted with " and \ escaped.
template <typename Container>
std::string ArrayLiteral(const Container& values) {
  std::string out = "{";
  bool first = true;
  for (const auto& value : values) {
    if (!first) out += ',';
    first = false;
    out += '"';
    for (char c : absl::string_view(value)) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string IsoDate(int32_t day) {
  return absl::FormatCivilTime(absl::CivilDay(1970, 1, 1) + day);
}

// Every code on the containment chain of each of `regions`, each once, in first-seen order.
class RegionChains {
 public:
  std::vector<std::string> Within(const google::protobuf::RepeatedPtrField<std::string>& regions) {
    std::vector<std::string> within;
    for (const std::string& region : regions) {
      auto [it, inserted] = chains_.try_emplace(region);
      if (inserted) it->second = vocab::ContainmentChain(region);
      for (const std::string& code : it->second) {
        if (std::find(within.begin(), within.end(), code) == within.end()) within.push_back(code);
      }
    }
    return within;
  }

 private:
  absl::flat_hash_map<std::string, std::vector<std::string>> chains_;
};

// "code:N" for every level N from 1 up to hers.
std::vector<std::string> LanguagesAt(const Mediator& m) {
  std::vector<std::string> out;
  for (const auto& skill : m.languages()) {
    for (int level = 1; level <= skill.level(); ++level) out.push_back(absl::StrCat(skill.code(), ":", level));
  }
  return out;
}

// Her unavailable periods as a datemultirange literal; periods that are malformed or reversed are left
// out, as the in-memory index leaves them out.
std::string UnavailableLiteral(const Mediator& m) {
  std::vector<std::string> ranges;
  for (const auto& period : m.unavailable_periods()) {
    int32_t first = 0, last = 0;
    if (!search::ParseDay(period.start(), &first) || !search::ParseDay(period.end(), &last) || last < first) {
      continue;
    }
    ranges.push_back(absl::StrCat("[", IsoDate(first), ",", IsoDate(last), "]"));
  }
  return absl::StrCat("{", absl::StrJoin(ranges, ","), "}");
}

// One line of COPY text for a live mediator; the column order is that of kCreateTable.
absl::Status AppendCopyRow(const Mediator& m, RegionChains& chains, std::string& out) {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts, names::ParseMediatorName(m.name(), "name"));
  const std::string fields[] = {
      m.name(),
      parts.network_id,
      parts.mediator_id,
      absl::StrCat(m.years_experience()),
      roster::v1::Availability_Name(m.availability()),
      ArrayLiteral(m.nationalities()),
      ArrayLiteral(m.expertise()),
      ArrayLiteral(m.roles()),
      ArrayLiteral(m.regions()),
      ArrayLiteral(chains.Within(m.regions())),
      ArrayLiteral(LanguagesAt(m)),
      UnavailableLiteral(m),
  };
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (i > 0) out += '\t';
    AppendCopyField(fields[i], out);
  }
  out += '\n';
  return absl::OkStatus();
}

constexpr char kCreateTable[] = R"(
CREATE TABLE mediators (
  name text COLLATE "C" NOT NULL,
  network text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  years integer NOT NULL,
  availability text COLLATE "C" NOT NULL,
  nationalities text[] COLLATE "C" NOT NULL,
  expertise text[] COLLATE "C" NOT NULL,
  roles text[] COLLATE "C" NOT NULL,
  regions text[] COLLATE "C" NOT NULL,
  regions_within text[] COLLATE "C" NOT NULL,
  languages_at text[] COLLATE "C" NOT NULL,
  unavailable datemultirange NOT NULL
))";

constexpr const char* kIndexStatements[] = {
    "ALTER TABLE mediators ADD PRIMARY KEY (network, id)",
    "CREATE INDEX mediators_languages_at ON mediators USING gin (languages_at) WITH (fastupdate = off)",
    "CREATE INDEX mediators_expertise ON mediators USING gin (expertise) WITH (fastupdate = off)",
    "CREATE INDEX mediators_roles ON mediators USING gin (roles) WITH (fastupdate = off)",
    "ANALYZE mediators",
};

// --- The ranking query ---

// Collects parameter values and returns their placeholders ("$3::text[]").
class Params {
 public:
  std::string Add(std::string value, absl::string_view type) {
    values_.push_back(std::move(value));
    return absl::StrCat("$", values_.size(), "::", type);
  }
  std::string AddArray(const std::vector<std::string>& values) { return Add(ArrayLiteral(values), "text[]"); }
  // Exact: %.17g round-trips a double through PostgreSQL's float8in.
  std::string AddDouble(double value) { return Add(absl::StrFormat("%.17g", value), "float8"); }
  std::vector<std::string> Release() { return std::move(values_); }

 private:
  std::vector<std::string> values_;
};

std::vector<std::string> Deduplicated(std::vector<std::string> values) {
  std::vector<std::string> out;
  for (std::string& value : values) {
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
  }
  return out;
}

// The WHERE clause of step 1.
std::string HardFilter(const matching::RankingQuery& query, Params& params) {
  std::vector<std::string> clauses = {"availability <> 'UNAVAILABLE'"};
  if (!query.required_languages.empty()) {
    std::vector<std::string> at;
    for (const auto& [code, level] : query.required_languages) {
      at.push_back(absl::StrCat(code, ":", std::max(level, 1)));
    }
    clauses.push_back(absl::StrCat("languages_at @> ", params.AddArray(at)));
  }
  if (!query.required_expertise.empty()) {
    clauses.push_back(absl::StrCat("expertise @> ", params.AddArray(query.required_expertise)));
  }
  if (!query.role.empty()) {
    clauses.push_back(absl::StrCat("roles @> ARRAY[", params.Add(query.role, "text"), "]"));
  }
  if (!query.exclude_nationalities.empty()) {
    clauses.push_back(absl::StrCat("NOT (nationalities && ", params.AddArray(query.exclude_nationalities), ")"));
  }
  if (!query.networks.empty()) {
    clauses.push_back(absl::StrCat("network = ANY (", params.AddArray(query.networks), ")"));
  }
  if (query.window) {
    clauses.push_back(absl::StrCat("NOT (unavailable && daterange(", params.Add(IsoDate(query.window->first), "date"),
                                   ", ", params.Add(IsoDate(query.window->second), "date"), ", '[]'))"));
  }
  return absl::StrJoin(clauses, "\n    AND ");
}

// A share component: how many of `terms` the array `column` holds (each term a containment test, so
// the count follows the query's list as the C++ side counts it), over the number of terms; 0 for none.
std::string ShareOf(absl::string_view column, const std::vector<std::string>& terms, Params& params) {
  if (terms.empty()) return "0::float8";
  std::vector<std::string> tests;
  for (const std::string& term : terms) {
    tests.push_back(absl::StrCat("(", column, " @> ARRAY[", params.Add(term, "text"), "])::integer"));
  }
  return absl::StrCat("(", absl::StrJoin(tests, " + "), ")::float8 / ", terms.size(), "::float8");
}

// The region component: 1 when one of her regions is a process country; else 0.5 when one of her
// regions is, or lies in, a process country's sub-region; else 0.25 for its region; else 0.
std::string RegionComponent(const matching::RankingQuery& query, Params& params) {
  if (query.process_countries.empty()) return "0::float8";
  std::vector<std::string> sub_regions, regions;
  for (const std::string& country : query.process_countries) {
    const std::vector<std::string> chain = vocab::ContainmentChain(country);
    if (chain.size() > 1) sub_regions.push_back(chain[1]);
    if (chain.size() > 2) regions.push_back(chain[2]);
  }
  std::string sql = absl::StrCat("CASE WHEN regions && ", params.AddArray(query.process_countries),
                                 " THEN 1::float8");
  if (!sub_regions.empty()) {
    absl::StrAppend(&sql, " WHEN regions_within && ", params.AddArray(Deduplicated(sub_regions)),
                    " THEN 0.5::float8");
  }
  if (!regions.empty()) {
    absl::StrAppend(&sql, " WHEN regions_within && ", params.AddArray(Deduplicated(regions)),
                    " THEN 0.25::float8");
  }
  return absl::StrCat(sql, " ELSE 0::float8 END");
}

// The unrounded score times 1e6, summed in the rule's order in double precision.
std::string ScaledScore(const matching::RankingQuery& query, Params& params) {
  const matching::ScoreWeights& w = query.weights;
  std::vector<std::string> preferred_at_b2;
  for (const std::string& code : query.preferred_languages) {
    preferred_at_b2.push_back(absl::StrCat(code, ":", wps::type::LANGUAGE_LEVEL_B2));
  }
  return absl::StrCat("(", params.AddDouble(w.language), " * (", ShareOf("languages_at", preferred_at_b2, params),
                      ")\n      + ", params.AddDouble(w.region), " * (", RegionComponent(query, params),
                      ")\n      + ", params.AddDouble(w.expertise), " * (",
                      ShareOf("expertise", query.preferred_expertise, params), ")\n      + ",
                      params.AddDouble(w.experience), " * (least(years, 30)::float8 / 30::float8)",
                      ") * 1000000::float8");
}

// std::round(y) / 1e6 in float8: floor(|y|) plus one when the fraction is at least one half (exact:
// |y| - floor(|y|) has no rounding error), with y's sign.
constexpr char kRoundedScore[] =
    "sign(y) * (floor(abs(y)) + CASE WHEN abs(y) - floor(abs(y)) >= 0.5::float8 THEN 1::float8 "
    "ELSE 0::float8 END) / 1000000::float8";

}  // namespace

PostgresRoster::Statement PostgresRoster::ShortlistStatement(const matching::RankingQuery& query) {
  Params params;
  if (query.count <= 0) {
    const std::string filter = HardFilter(query, params);
    return {absl::StrCat("SELECT NULL::text, NULL::float8, count(*) FROM mediators\n  WHERE ", filter),
            params.Release()};
  }
  // The scaled score is computed once per row below an OFFSET 0 fence: without it PostgreSQL would
  // inline y into each of its five uses in the rounding.
  const std::string scaled = ScaledScore(query, params);
  const std::string filter = HardFilter(query, params);
  const bool per_network = query.max_per_network > 0;
  std::string sql = absl::StrCat(
      "SELECT name, score, total_matched FROM (\n"
      "  SELECT name, network, id, years, score, count(*) OVER () AS total_matched",
      per_network ? ",\n    row_number() OVER (PARTITION BY network ORDER BY score DESC, years DESC, id) "
                    "AS rank_in_network"
                  : "",
      "\n  FROM (\n"
      "    SELECT name, network, id, years, ", kRoundedScore, " AS score\n"
      "    FROM (\n"
      "      SELECT name, network, id, years,\n      ", scaled, " AS y\n"
      "      FROM mediators\n"
      "      WHERE ", filter, "\n"
      "      OFFSET 0) scaled) scored) ranked\n");
  if (per_network) {
    absl::StrAppend(&sql, "WHERE rank_in_network <= ", params.Add(absl::StrCat(query.max_per_network), "bigint"),
                    "\n");
  }
  absl::StrAppend(&sql, "ORDER BY score DESC, years DESC, id, network\nLIMIT ",
                  params.Add(absl::StrCat(query.count), "bigint"));
  return {std::move(sql), params.Release()};
}

absl::StatusOr<std::unique_ptr<PostgresRoster>> PostgresRoster::Start() {
  if (access(PgBinary("initdb").c_str(), X_OK) != 0 || access(PgBinary("pg_ctl").c_str(), X_OK) != 0 ||
      access(PgBinary("postgres").c_str(), X_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "PostgreSQL 15 is not installed (no initdb, pg_ctl and postgres in ", kPgBin,
        "): apt-get install postgresql"));
  }
  if (IsRoot() && access(kRunuser, X_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(kRunuser, " is missing: it runs PostgreSQL as ", kPgUser));
  }
  std::unique_ptr<PostgresRoster> roster(new PostgresRoster());
  WPS_RETURN_IF_ERROR(roster->InitAndStart());
  WPS_RETURN_IF_ERROR(roster->Connect());
  return roster;
}

absl::Status PostgresRoster::InitAndStart() {
  uid_t uid = 0;
  gid_t gid = 0;
  if (IsRoot()) {
    const passwd* user = getpwnam(kPgUser);
    if (user == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("no '", kPgUser, "' user to run PostgreSQL as (apt-get install postgresql creates it)"));
    }
    uid = user->pw_uid;
    gid = user->pw_gid;
  }
  char dir_template[] = "/tmp/wps-pg-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return absl::InternalError("mkdtemp /tmp/wps-pg-XXXXXX failed");
  dir_ = dir_template;  // from here on the destructor removes it
  data_dir_ = dir_ + "/data";
  if (IsRoot() && chown(dir_.c_str(), uid, gid) != 0) {
    return absl::InternalError(absl::StrCat("chown ", dir_, " to ", kPgUser, " failed"));
  }
  const std::string initdb_log = dir_ + "/initdb.log";
  if (RunAsPostgres({PgBinary("initdb"), "-D", data_dir_, "-U", kPgUser, "--auth=trust", "--encoding=UTF8",
                     "--locale=C", "--no-sync"},
                    dir_, initdb_log) != 0) {
    return absl::InternalError(absl::StrCat("initdb failed: ", TailOf(initdb_log)));
  }
  {
    std::ofstream conf(data_dir_ + "/postgresql.conf", std::ios::app);
    conf << kServerSettings << "unix_socket_directories = '" << dir_ << "'\n";
    if (!conf) return absl::InternalError("could not append to postgresql.conf");
  }
  const std::string server_log = dir_ + "/server.log";
  std::string failure;
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    WPS_ASSIGN_OR_RETURN(port_, FreePort());
    started_ = true;  // a failed or timed-out start may leave a server behind: Stop() tries regardless
    if (RunAsPostgres({PgBinary("pg_ctl"), "start", "-w", "-t", "120", "-D", data_dir_, "-l", server_log, "-o",
                       absl::StrCat("-p ", port_)},
                      dir_, dir_ + "/pg_ctl.log") == 0) {
      return absl::OkStatus();
    }
    failure = TailOf(server_log);
    if (failure.find("could not bind") == std::string::npos) break;  // only a port race is worth a retry
  }
  return absl::InternalError(absl::StrCat("pg_ctl start failed: ", failure));
}

absl::Status PostgresRoster::Connect() {
  const std::string conninfo =
      absl::StrCat("host=", dir_, " port=", port_, " user=", kPgUser, " dbname=postgres");
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) return absl::InternalError(PgError(conn_, "connect"));
  PQsetNoticeProcessor(conn_, &IgnoreNotice, nullptr);
  // Shortest exact float8 text, so scores parse back to the very doubles PostgreSQL computed.
  return Exec("SET extra_float_digits = 3");
}

PostgresRoster::~PostgresRoster() { Stop(); }

void PostgresRoster::Stop() {
  if (conn_ != nullptr) {
    PQfinish(conn_);
    conn_ = nullptr;
  }
  if (started_) {
    RunAsPostgres({PgBinary("pg_ctl"), "stop", "-w", "-m", "fast", "-D", data_dir_}, dir_, dir_ + "/pg_ctl.log");
    started_ = false;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    dir_.clear();
  }
}

absl::Status PostgresRoster::Exec(const std::string& sql) {
  Result result(PQexec(conn_, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return absl::InternalError(PgError(conn_, sql.substr(0, 80)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> PostgresRoster::Execute(const std::string& sql) {
  Result result(PQexec(conn_, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return absl::InternalError(PgError(conn_, sql.substr(0, 80)));
  }
  std::vector<std::string> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::vector<absl::string_view> fields;
    for (int field = 0; field < PQnfields(result.get()); ++field) {
      fields.push_back(PQgetvalue(result.get(), row, field));
    }
    rows.push_back(absl::StrJoin(fields, "\t"));
  }
  return rows;
}

absl::Status PostgresRoster::Load(absl::Span<const Mediator> mediators) {
  WPS_RETURN_IF_ERROR(Exec("BEGIN"));
  absl::Status loaded = Exec("DROP TABLE IF EXISTS mediators");
  if (loaded.ok()) loaded = Exec(kCreateTable);
  if (loaded.ok()) loaded = CopyRows(mediators);
  if (!loaded.ok()) {
    Exec("ROLLBACK").IgnoreError();
    return loaded;
  }
  WPS_RETURN_IF_ERROR(Exec("COMMIT"));
  for (const char* statement : kIndexStatements) WPS_RETURN_IF_ERROR(Exec(statement));
  return absl::OkStatus();
}

absl::Status PostgresRoster::CopyRows(absl::Span<const Mediator> mediators) {
  // FREEZE: the table is new in this transaction, so rows are written frozen and never rewritten for
  // hint bits by the first queries.
  Result start(PQexec(conn_, "COPY mediators FROM STDIN WITH (FORMAT text, FREEZE)"));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return absl::InternalError(PgError(conn_, "COPY"));
  RegionChains chains;
  std::string buffer;
  buffer.reserve(kCopyChunkBytes + 4096);
  absl::Status status;
  for (const Mediator& m : mediators) {
    if (m.has_delete_time()) continue;  // soft-deleted: the rule excludes them
    status = AppendCopyRow(m, chains, buffer);
    if (!status.ok()) break;
    if (buffer.size() >= kCopyChunkBytes) {
      if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        status = absl::InternalError(PgError(conn_, "COPY data"));
        break;
      }
      buffer.clear();
    }
  }
  if (status.ok() && !buffer.empty() &&
      PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
    status = absl::InternalError(PgError(conn_, "COPY data"));
  }
  // Ending with an error message makes the server abort the COPY; the transaction is then rolled back.
  if (PQputCopyEnd(conn_, status.ok() ? nullptr : "aborted by the client") != 1 && status.ok()) {
    status = absl::InternalError(PgError(conn_, "COPY end"));
  }
  while (Result result{PQgetResult(conn_)}) {
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && status.ok()) {
      status = absl::InternalError(PgError(conn_, "COPY"));
    }
  }
  return status;
}

absl::StatusOr<PostgresShortlist> PostgresRoster::Shortlist(const matching::RankingQuery& query) {
  const Statement statement = ShortlistStatement(query);
  std::vector<const char*> values;
  for (const std::string& param : statement.params) values.push_back(param.c_str());
  Result result(PQexecParams(conn_, statement.sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, /*resultFormat=*/0));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return absl::InternalError(PgError(conn_, "shortlist"));
  PostgresShortlist shortlist;
  const int rows = PQntuples(result.get());
  for (int row = 0; row < rows; ++row) {
    if (row == 0) shortlist.total_matched = std::strtoll(PQgetvalue(result.get(), 0, 2), nullptr, 10);
    if (PQgetisnull(result.get(), row, 0)) continue;  // the count-only statement of count <= 0
    shortlist.candidates.emplace_back(PQgetvalue(result.get(), row, 0),
                                      std::strtod(PQgetvalue(result.get(), row, 1), nullptr));
  }
  return shortlist;
}

}  // namespace wps::bench
