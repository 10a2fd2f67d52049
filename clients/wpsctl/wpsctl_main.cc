// wpsctl: the command-line client of the WPS Roster. Flags, help and dispatch only; each command
// lives in its own file.
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
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
#include "clients/wpsctl/command_context.h"
#include "clients/wpsctl/csv_transfer.h"
#include "clients/wpsctl/mediator_commands.h"
#include "clients/wpsctl/network_commands.h"
#include "clients/wpsctl/sample_command.h"

// Global flags.
ABSL_FLAG(std::string, server, "127.0.0.1:50051", "Address of wpsd (HOST:PORT).");
ABSL_FLAG(std::string, token, "", "Bearer token sent as 'authorization: Bearer TOKEN'.");
ABSL_FLAG(std::string, tls_ca, "", "PEM file of the CA that signed the server certificate (TLS).");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate for mutual TLS (with --tls_key).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert.");
ABSL_FLAG(std::string, output, "table", "Output format: table, json or csv.");
ABSL_FLAG(int32_t, timeout, 30, "Deadline of each unary RPC, in seconds.");
// Command flags.
ABSL_FLAG(std::string, errors, "", "import: write the per-row errors to this CSV file.");
ABSL_FLAG(std::string, network, "", "export: only this network (ID or networks/ID).");
ABSL_FLAG(std::string, out, "", "export, gen-sample: write the CSV to this file, not stdout.");
ABSL_FLAG(std::string, file, "", "create, update: proto-JSON Mediator file ('-' for stdin).");
ABSL_FLAG(std::string, id, "", "create: the mediator id (the server assigns one when empty).");
ABSL_FLAG(std::string, update_mask, "",
          "update: comma-separated fields to replace (all if empty).");
ABSL_FLAG(std::string, etag, "", "update, delete: act only if the record still has this etag.");
ABSL_FLAG(bool, show_deleted, false, "list: include soft-deleted records.");
ABSL_FLAG(int32_t, page_size, 0, "list: records per page (server default when 0).");
ABSL_FLAG(int64_t, limit, 0, "list: stop after this many records (0: all).");
ABSL_FLAG(std::string, display_name, "", "network create: the network's display name.");
ABSL_FLAG(std::string, chapters, "", "network create: chapter countries, e.g. NO,SE,DK.");
ABSL_FLAG(int64_t, count, 100, "gen-sample: number of records.");
ABSL_FLAG(uint64_t, seed, 1, "gen-sample: random seed (same seed, same records).");

namespace wps::wpsctl {
namespace {

constexpr char kUsage[] = R"(wpsctl: command-line client of the WPS Roster of women mediators.

Usage: wpsctl [flags] COMMAND [ARGS...]

Commands:
  import FILE.csv [--errors=ERRORS.csv]
      Upsert mediators from a CSV file ('-' for stdin); valid rows are kept, bad rows reported.
      e.g. wpsctl import roster.csv --errors=rejected.csv
  export [--network=N] [--out=FILE.csv]
      Write every live mediator (of one network) as CSV to stdout or FILE.
      e.g. wpsctl export --network=nordic > nordic.csv
  get NAME
      Show one mediator (networks/N/mediators/ID, or N/ID).
      e.g. wpsctl get networks/nordic/mediators/ingrid-hansen-1a3f
  create PARENT --file=MEDIATOR.json [--id=ID]
      Create a mediator in a network from proto-JSON ('-' for stdin).
      e.g. wpsctl create nordic --file=ingrid.json --id=ingrid-hansen
  update NAME --file=MEDIATOR.json [--update_mask=a,b] [--etag=E]
      Replace the listed fields (all writable fields when no mask) of a mediator.
      e.g. wpsctl update nordic/ingrid-hansen --file=patch.json --update_mask=availability,bio
  delete NAME [--etag=E]
      Soft-delete a mediator (kept, hidden from search and shortlists).
      e.g. wpsctl delete nordic/ingrid-hansen
  undelete NAME
      Restore a soft-deleted mediator.
      e.g. wpsctl undelete nordic/ingrid-hansen
  list [PARENT] [--show_deleted] [--page_size=N] [--limit=N]
      List the mediators of a network (all networks when PARENT is '-' or absent).
      e.g. wpsctl list networks/femwise-africa --limit=20
  network create ID --display_name="..." --chapters=NO,SE
      Create a network.
      e.g. wpsctl network create nordic --display_name="Nordic Women Mediators" --chapters=NO,SE,DK,FI,IS
  network create-sample
      Create the six Global Alliance networks of the sample roster (those missing).
      e.g. wpsctl network create-sample
  network get ID|NAME
      Show one network.
      e.g. wpsctl network get nordic
  network list
      List every network.
      e.g. wpsctl network list --output=json
  gen-sample [--count=N] [--seed=S] [--out=FILE.csv]
      Write N generated (fictional) mediators as CSV; needs no server.
      e.g. wpsctl gen-sample --count=1000 --seed=7 > sample.csv
  help
      Show this help.

Global flags:
  --server=HOST:PORT     wpsd address (default 127.0.0.1:50051)
  --token=TOKEN          bearer token ('authorization: Bearer TOKEN')
  --tls_ca=CA.pem        use TLS, trusting this CA; --tls_cert=C.pem --tls_key=K.pem for mutual TLS
  --output=FORMAT        table (default), json (proto-JSON; an array for lists) or csv
  --timeout=SECONDS      deadline of each unary call (default 30)

Exit codes: 0 success; 1 the server refused the request (import: some rows failed, the others were
kept); 2 usage error, unreadable file, or (import) server unreachable or import refused as a whole.
Run 'wpsctl --helpfull' for every flag.)";

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
      {"undelete", 1, 1, true,
       [](const CommandContext& ctx, const Args& a) { return UndeleteMediator(ctx, a[0]); }},
      {"list", 0, 1, true,
       [](const CommandContext& ctx, const Args& a) {
         return ListMediators(ctx, {ArgOr(a, 0, "-"), GetFlag(FLAGS_show_deleted),
                                    GetFlag(FLAGS_page_size), GetFlag(FLAGS_limit)});
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

bool IsHelpRequest(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--help" || arg == "-help" || arg == "-h") return true;
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

  std::string name = positional[0];
  positional.erase(positional.begin());
  if (name == "network") {
    if (positional.empty()) return UsageError(ctx, "network needs create, create-sample, get or list");
    name = absl::StrCat(name, " ", positional[0]);
    positional.erase(positional.begin());
  }
  for (const Command& command : Commands()) {
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
    if (command.needs_server) {
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = OpenChannel(ctx.connection);
      if (!channel.ok()) return LocalError(ctx, channel.status());
      stub = roster::v1::RosterService::NewStub(*channel);
      ctx.stub = stub.get();
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
