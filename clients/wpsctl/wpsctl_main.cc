// wpsctl: the command-line client of the WPS Roster. Flags, help and dispatch only; each command
// lives in its own file.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "clients/wpsctl/audit_commands.h"
#include "clients/wpsctl/backup_commands.h"
#include "clients/wpsctl/balance_commands.h"
#include "clients/wpsctl/balance_import.h"
#include "clients/wpsctl/command_context.h"
#include "clients/wpsctl/csv_transfer.h"
#include "clients/wpsctl/matching_commands.h"
#include "clients/wpsctl/mediator_commands.h"
#include "clients/wpsctl/network_commands.h"
#include "clients/wpsctl/sample_command.h"
#include "clients/wpsctl/search_commands.h"
#include "clients/wpsctl/sync_commands.h"
#include "clients/wpsctl/usage.h"

// Global flags.
ABSL_FLAG(std::string, server, "127.0.0.1:50051", "Address of wpsd (HOST:PORT).");
ABSL_FLAG(std::string, token, "", "Bearer token sent as 'authorization: Bearer TOKEN'.");
ABSL_FLAG(std::string, tls_ca, "", "PEM file of the CA that signed the server certificate (TLS).");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate for mutual TLS (with --tls_key).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert.");
ABSL_FLAG(std::string, output, "table", "Output format: table, json or csv.");
ABSL_FLAG(int32_t, timeout, 30, "Deadline of each unary RPC, in seconds.");
// Command flags.
ABSL_FLAG(std::string, errors, "",
          "import, balance import: write the per-row errors to this CSV file.");
ABSL_FLAG(std::string, network, "",
          "export: only this network (ID or networks/ID); search: only these networks, "
          "comma-separated.");
ABSL_FLAG(std::string, out, "",
          "export, gen-sample: write the CSV to this file, not stdout; balance create-sample: also "
          "save the sample spreadsheet there.");
ABSL_FLAG(std::string, file, "",
          "create, update: proto-JSON Mediator file; process create, process update: PeaceProcess; "
          "shortlist: ShortlistRequest ('-' for stdin).");
ABSL_FLAG(std::string, id, "",
          "create, process create, balance round create: the new record's id (the server "
          "assigns one when empty).");
ABSL_FLAG(std::string, update_mask, "",
          "update, process update: comma-separated fields to replace (all if empty).");
ABSL_FLAG(std::string, etag, "",
          "update, delete, process update: act only if the record still has this etag.");
ABSL_FLAG(bool, show_deleted, false, "list: include soft-deleted records.");
ABSL_FLAG(int32_t, page_size, 0,
          "list, search, process list, shortlist list: records per request (0: server default; "
          "search: as many as --limit needs).");
ABSL_FLAG(std::optional<int64_t>, limit, std::nullopt,
          "list, process list, shortlist list: stop after this many records (default 0: all); "
          "search: show this many matches (default 20; 0: all).");
ABSL_FLAG(std::string, language, "",
          "search: languages she speaks, CODE or CODE:MIN_LEVEL, comma-separated, all required "
          "(ar:C1,en).");
ABSL_FLAG(std::string, region, "",
          "search: countries (ISO 3166-1) or UN M49 areas she works on, any of them (SD,015).");
ABSL_FLAG(std::string, expertise, "", "search: expertise terms, any of them (ddr,ssr).");
ABSL_FLAG(std::string, role, "", "search: roles, any of them (mediator,adviser).");
ABSL_FLAG(std::string, availability, "",
          "search: available, limited and/or unavailable, comma-separated.");
ABSL_FLAG(std::string, facets, "",
          "search: dimensions to count: languages, regions, expertise, roles, networks, "
          "availability.");
ABSL_FLAG(std::string, process, "", "shortlist list: only shortlists for this process.");
ABSL_FLAG(std::string, display_name, "",
          "network create: the network's display name; balance round create: the round's.");
ABSL_FLAG(std::string, chapters, "", "network create: chapter countries, e.g. NO,SE,DK.");
ABSL_FLAG(int64_t, count, 100, "gen-sample: number of records.");
ABSL_FLAG(uint64_t, seed, 1, "gen-sample: random seed (same seed, same records).");
ABSL_FLAG(std::string, round, "",
          "balance: the round to show, ID or processes/P/rounds/ID (default: the latest).");
ABSL_FLAG(std::string, start, "", "balance round create: the round's start date, YYYY-MM-DD.");
ABSL_FLAG(std::string, location, "", "balance round create: where the round meets.");
ABSL_FLAG(std::string, countries, "",
          "balance report: only processes about any of these countries (ISO 3166-1, SD,YE).");
ABSL_FLAG(std::string, from, "",
          "balance report: only rounds starting on or after this date (YYYY-MM-DD).");
ABSL_FLAG(std::string, to, "",
          "balance report: only rounds starting on or before this date (YYYY-MM-DD).");
ABSL_FLAG(std::string, principal, "", "audit: only events of this principal.");
ABSL_FLAG(std::string, resource, "",
          "audit: only events on this resource or under it (networks/nordic, processes/p).");
ABSL_FLAG(
    std::string, since, "",
    "audit: only events at or after this time: an age (24h, 7d), a date or an RFC 3339 time.");
ABSL_FLAG(std::string, until, "", "audit: only events before this time (forms as --since).");
ABSL_FLAG(int, keep, 0,
          "backup create: afterwards delete all but the newest N backups (0 keeps all); backup "
          "prune: N.");
ABSL_FLAG(std::string, backup_dir, "",
          "backup restore: the backup directory (wpsd's --backup_dir).");
ABSL_FLAG(std::string, data_dir, "",
          "backup restore: the new data dir to restore into (absent or empty).");
ABSL_FLAG(std::string, chart, "",
          "balance trend: write an SVG chart to this file instead of printing the table ('-' for "
          "stdout).");

namespace wps::wpsctl {
namespace {

constexpr absl::Duration kConnectGrace = absl::Seconds(2);

using Args = std::vector<std::string>;

struct Command {
  std::string name;  // "get", "network create"
  size_t min_args;
  size_t max_args;
  bool needs_server;
  std::function<int(const CommandContext&, const Args&)> run;
};

std::string ArgOr(const Args& args, size_t i, const std::string& fallback) {
  return i < args.size() ? args[i] : fallback;
}

// max_args of a command taking any number of arguments.
constexpr size_t kAnyNumber = static_cast<size_t>(-1);

SearchOptions SearchFlags(const Args& query_words) {
  using absl::GetFlag;
  SearchOptions options;
  options.query = absl::StrJoin(query_words, " ");
  options.languages = GetFlag(FLAGS_language);
  options.regions = GetFlag(FLAGS_region);
  options.expertise = GetFlag(FLAGS_expertise);
  options.roles = GetFlag(FLAGS_role);
  options.networks = GetFlag(FLAGS_network);
  options.availability = GetFlag(FLAGS_availability);
  options.facets = GetFlag(FLAGS_facets);
  options.page_size = GetFlag(FLAGS_page_size);
  options.limit = GetFlag(FLAGS_limit).value_or(kDefaultSearchLimit);
  return options;
}

ListOptions ListFlags() {
  return {absl::GetFlag(FLAGS_page_size), absl::GetFlag(FLAGS_limit).value_or(0)};
}

std::vector<Command> Commands() {
  using absl::GetFlag;
  return {
      {"import", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ImportMediators(ctx, {a[0], GetFlag(FLAGS_errors)});
       }},
      {"export", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return ExportMediators(ctx, {GetFlag(FLAGS_network), GetFlag(FLAGS_out)});
       }},
      {"get", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return GetMediator(ctx, a[0]); }},
      {"create", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return CreateMediator(ctx, {a[0], GetFlag(FLAGS_file), GetFlag(FLAGS_id)});
       }},
      {"update", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return UpdateMediator(
             ctx, {a[0], GetFlag(FLAGS_file), GetFlag(FLAGS_update_mask), GetFlag(FLAGS_etag)});
       }},
      {"delete", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return DeleteMediator(ctx, a[0], GetFlag(FLAGS_etag));
       }},
      {"purge", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return PurgeMediator(ctx, a[0], GetFlag(FLAGS_etag));
       }},
      {"audit", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         const std::optional<int64_t> limit = GetFlag(FLAGS_limit);
         return ShowAuditLog(
             ctx, {GetFlag(FLAGS_principal), GetFlag(FLAGS_resource), GetFlag(FLAGS_since),
                   GetFlag(FLAGS_until), limit.value_or(100)});
       }},
      {"undelete", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return UndeleteMediator(ctx, a[0]); }},
      {"list", 0, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ListMediators(ctx, {ArgOr(a, 0, "-"), GetFlag(FLAGS_show_deleted),
                                    GetFlag(FLAGS_page_size), GetFlag(FLAGS_limit).value_or(0)});
       }},
      {"search", 0, kAnyNumber, true,
       [](const CommandContext& ctx, const Args& a) {
         return SearchMediators(ctx, SearchFlags(a));
       }},
      {"shortlist", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return RequestShortlist(ctx, GetFlag(FLAGS_file));
       }},
      {"shortlist get", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return GetShortlist(ctx, a[0]); }},
      {"shortlist list", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return ListShortlists(ctx, GetFlag(FLAGS_process), ListFlags());
       }},
      {"process create", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return CreateProcess(ctx, {GetFlag(FLAGS_file), GetFlag(FLAGS_id)});
       }},
      {"process get", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return GetProcess(ctx, a[0]); }},
      {"process list", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return ListProcesses(ctx, ListFlags()); }},
      {"process update", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return UpdateProcess(
             ctx, {a[0], GetFlag(FLAGS_file), GetFlag(FLAGS_update_mask), GetFlag(FLAGS_etag)});
       }},
      {"network create", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return CreateNetwork(ctx, {a[0], GetFlag(FLAGS_display_name), GetFlag(FLAGS_chapters)});
       }},
      {"network create-sample", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return CreateSampleNetworks(ctx); }},
      {"network get", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return GetNetwork(ctx, a[0]); }},
      {"network list", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return ListNetworks(ctx); }},
      {"balance", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ShowBalance(ctx, {a[0], GetFlag(FLAGS_round)});
       }},
      {"balance round create", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return CreateRound(ctx, {a[0], GetFlag(FLAGS_id), GetFlag(FLAGS_start),
                                  GetFlag(FLAGS_display_name), GetFlag(FLAGS_location)});
       }},
      {"balance rounds", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return ListRounds(ctx, a[0]); }},
      {"balance trend", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ShowBalanceTrend(ctx, {a[0], GetFlag(FLAGS_chart)});
       }},
      {"balance report", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return ShowBalanceReport(
             ctx, {GetFlag(FLAGS_countries), GetFlag(FLAGS_from), GetFlag(FLAGS_to)});
       }},
      {"balance import", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ImportBalance(ctx, {a[0], GetFlag(FLAGS_errors)});
       }},
      {"balance create-sample", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return CreateSampleBalance(ctx, GetFlag(FLAGS_out));
       }},
      {"backup create", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return CreateBackup(ctx, GetFlag(FLAGS_keep));
       }},
      {"backup list", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return ListBackups(ctx); }},
      {"backup delete", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return DeleteBackup(ctx, a[0]); }},
      {"backup prune", 0, 0, true,
       [](const CommandContext& ctx, const Args&) {
         return PruneBackups(ctx, GetFlag(FLAGS_keep));
       }},
      {"backup restore", 0, 0, false,
       [](const CommandContext& ctx, const Args&) {
         return RestoreBackup(
             ctx, {GetFlag(FLAGS_backup_dir), GetFlag(FLAGS_data_dir), GetFlag(FLAGS_id)});
       }},
      {"health", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return CheckHealth(ctx); }},
      {"sync status", 0, 0, true,
       [](const CommandContext& ctx, const Args&) { return ShowSyncStatus(ctx); }},
      {"gen-sample", 0, 0, false,
       [](const CommandContext& ctx, const Args&) {
         return GenerateSample(ctx,
                               {GetFlag(FLAGS_count), GetFlag(FLAGS_seed), GetFlag(FLAGS_out)});
       }},
  };
}

// absl exits with status 1 on an unknown flag; wpsctl's usage errors exit 2, so names are checked
// first. Returns the first unknown flag ("--colour"), or empty.
std::string FirstUnknownFlag(const std::vector<char*>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    absl::string_view name = arg.substr(arg[1] == '-' ? 2 : 1);
    name = name.substr(0, name.find('='));
    if (absl::FindCommandLineFlag(name) != nullptr) continue;
    if (absl::ConsumePrefix(&name, "no")) {
      const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
      if (flag != nullptr && flag->IsOfType<bool>()) continue;
    }
    return std::string(arg.substr(0, arg.find('=')));
  }
  return "";
}

// "--file" "-" becomes "--file=-": absl takes the value either way but warns that "-" looks like a
// flag. `storage` keeps the joined strings alive.
std::vector<char*> JoinDashValues(int argc, char** argv, std::vector<std::string>& storage) {
  storage.reserve(argc);
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    const bool is_flag =
        arg.size() > 1 && arg[0] == '-' && arg != "--" && arg.find('=') == absl::string_view::npos;
    const absl::CommandLineFlag* flag =
        is_flag ? absl::FindCommandLineFlag(arg.substr(arg[1] == '-' ? 2 : 1)) : nullptr;
    if (flag != nullptr && !flag->IsOfType<bool>() && i + 1 < argc &&
        absl::string_view(argv[i + 1]) == "-") {
      storage.push_back(absl::StrCat(arg, "=-"));
      args.push_back(storage.back().data());
      ++i;
      continue;
    }
    args.push_back(argv[i]);
  }
  return args;
}

// "a", "a or b", "a, b or c".
std::string OneOf(std::vector<std::string> words) {
  const std::string last = words.back();
  words.pop_back();
  return words.empty() ? last : absl::StrCat(absl::StrJoin(words, ", "), " or ", last);
}

// Takes the command's words from the front of `positional`: one word, or more for a sub-command
// ("network list", "balance round create"), as long as the next word continues a command name.
// INVALID_ARGUMENT naming the sub-commands when a word that only groups sub-commands comes alone
// ("process needs create, get, list or update").
absl::StatusOr<std::string> TakeCommandName(const std::vector<Command>& commands,
                                            Args& positional) {
  const auto exists = [&](const std::string& name) {
    return std::any_of(commands.begin(), commands.end(),
                       [&](const Command& command) { return command.name == name; });
  };
  // The words that follow `name` in longer command names, in the order of Commands().
  const auto next_words = [&](const std::string& name) {
    std::vector<std::string> words;
    for (const Command& command : commands) {
      if (!absl::StartsWith(command.name, name + " ")) continue;
      const std::string rest = command.name.substr(name.size() + 1);
      const std::string word = rest.substr(0, rest.find(' '));
      if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
    }
    return words;
  };
  std::string name = positional[0];
  positional.erase(positional.begin());
  while (true) {
    const std::vector<std::string> words = next_words(name);
    const bool group_only = !words.empty() && !exists(name);
    if (group_only && positional.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(name, " needs ", OneOf(words)));
    }
    if (positional.empty()) break;
    const bool continues = std::find(words.begin(), words.end(), positional[0]) != words.end();
    // After a word that only groups, any word is taken: an unknown one is an unknown command.
    if (!continues && !group_only) break;
    name = absl::StrCat(name, " ", positional[0]);
    positional.erase(positional.begin());
    if (!continues) break;
  }
  return name;
}

bool IsHelpRequest(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--help" || arg == "-help" || arg == "-h" || arg == "--helpfull") return true;
  }
  return argc >= 2 && absl::string_view(argv[1]) == "help";
}

int Run(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  absl::SetProgramUsageMessage(kUsage);
  CommandContext ctx;
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  if (IsHelpRequest(argc, argv)) {
    std::cout << kUsage << "\n";
    return kExitOk;
  }
  std::vector<std::string> storage;
  std::vector<char*> args = JoinDashValues(argc, argv, storage);
  if (const std::string unknown = FirstUnknownFlag(args); !unknown.empty()) {
    return UsageError(ctx, absl::StrCat("unknown flag ", unknown));
  }
  const std::vector<char*> parsed =
      absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  Args positional(parsed.begin() + 1, parsed.end());
  if (positional.empty()) return UsageError(ctx, "no command given");

  const std::vector<Command> commands = Commands();
  absl::StatusOr<std::string> command_name = TakeCommandName(commands, positional);
  if (!command_name.ok()) return UsageError(ctx, command_name.status().message());
  const std::string& name = *command_name;
  for (const Command& command : commands) {
    if (command.name != name) continue;
    if (positional.size() < command.min_args || positional.size() > command.max_args) {
      return UsageError(ctx,
                        absl::StrCat(name, " takes ",
                                     command.min_args == command.max_args
                                         ? absl::StrCat(command.min_args)
                                         : absl::StrCat(command.min_args, " to ", command.max_args),
                                     " argument(s), got ", positional.size(), ": '",
                                     absl::StrJoin(positional, " "), "'"));
    }
    absl::StatusOr<OutputFormat> format = ParseOutputFormat(absl::GetFlag(FLAGS_output));
    if (!format.ok()) return UsageError(ctx, format.status().message());
    ctx.output = *format;
    if (absl::GetFlag(FLAGS_timeout) <= 0) return UsageError(ctx, "--timeout must be positive");
    ctx.connection = {absl::GetFlag(FLAGS_server),  absl::GetFlag(FLAGS_token),
                      absl::GetFlag(FLAGS_tls_ca),  absl::GetFlag(FLAGS_tls_cert),
                      absl::GetFlag(FLAGS_tls_key), absl::Seconds(absl::GetFlag(FLAGS_timeout))};
    std::unique_ptr<roster::v1::RosterService::Stub> stub;
    std::unique_ptr<matching::v1::MatchingService::Stub> matching;
    std::unique_ptr<balance::v1::BalanceService::Stub> balance;
    std::unique_ptr<sync::v1::SyncService::Stub> sync;
    std::unique_ptr<audit::v1::AuditService::Stub> audit;
    std::unique_ptr<admin::v1::AdminService::Stub> admin;
    if (command.needs_server) {
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = OpenChannel(ctx.connection);
      if (!channel.ok()) return LocalError(ctx, channel.status());
      // A loaded server may fail the first connection attempt, and a create is never retried (it
      // could create twice): give the connection a moment before the first call. A server that is
      // down is still reported UNAVAILABLE, after that moment.
      (*channel)->WaitForConnected(
          absl::ToChronoTime(absl::Now() + std::min(ctx.connection.timeout, kConnectGrace)));
      stub = roster::v1::RosterService::NewStub(*channel);
      matching = matching::v1::MatchingService::NewStub(*channel);
      ctx.stub = stub.get();
      balance = balance::v1::BalanceService::NewStub(*channel);
      ctx.matching = matching.get();
      ctx.balance = balance.get();
      sync = sync::v1::SyncService::NewStub(*channel);
      ctx.sync = sync.get();
      audit = audit::v1::AuditService::NewStub(*channel);
      ctx.audit = audit.get();
      admin = admin::v1::AdminService::NewStub(*channel);
      ctx.admin = admin.get();
      ctx.channel = *channel;
    }
    const int code = command.run(ctx, positional);
    std::cout.flush();
    return code;
  }
  return UsageError(ctx, absl::StrCat("unknown command '", name, "'"));
}

}  // namespace
}  // namespace wps::wpsctl

int main(int argc, char** argv) { return wps::wpsctl::Run(argc, argv); }
