#include "clients/wpsctl/matching_commands.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/json_input.h"
#include "clients/wpsctl/matching_format.h"
#include "clients/wpsctl/resource_names.h"

namespace wps::wpsctl {
namespace {

using matching::v1::MatchingService;
using matching::v1::PeaceProcess;
using matching::v1::Shortlist;
using matching::v1::ShortlistRequest;

// "minLevel": "C1" -> "LANGUAGE_LEVEL_C1" in each required language.
void NormalizeShortlistRequest(google::protobuf::Value& root) {
  ForEachJsonElement(FindJsonField(root, "required_languages"), [](google::protobuf::Value& r) {
    if (google::protobuf::Value* level = FindJsonField(r, "min_level")) {
      NormalizeEnum(*level, "LANGUAGE_LEVEL_");
    }
  });
}

// "stage": "negotiation" -> "NEGOTIATION"; "track": "1.5" -> "TRACK_1_5".
void NormalizeProcess(google::protobuf::Value& root) {
  if (google::protobuf::Value* stage = FindJsonField(root, "stage")) NormalizeEnum(*stage, "");
  google::protobuf::Value* track = FindJsonField(root, "track");
  if (track != nullptr && track->kind_case() == google::protobuf::Value::kStringValue) {
    track->set_string_value(absl::StrReplaceAll(track->string_value(), {{".", "_"}}));
    NormalizeEnum(*track, "TRACK_");
  }
}

// The message in the proto-JSON file at `path` ("-": stdin); errors name the path.
template <typename Message>
absl::StatusOr<Message> ReadJsonFile(absl::string_view path,
                                     absl::StatusOr<Message> (*parse)(absl::string_view)) {
  absl::StatusOr<std::string> json = ReadFileOrStdin(path);
  if (!json.ok()) return json.status();
  absl::StatusOr<Message> message = parse(*json);
  if (!message.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", message.status().message()));
  }
  return message;
}

// Calls a unary MatchingService method with a fresh context; prints the response with `format`.
template <typename Response, typename Request, typename Method, typename Format>
int CallAndPrint(const CommandContext& ctx, Method method, const Request& request, Format format) {
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  Response response;
  const grpc::Status status = (ctx.matching->*method)(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << format(response, ctx.output);
  return kExitOk;
}

// Calls a list method page after page (following next_page_token) until options.limit items (or
// all) are in `out`; `items_of(response)` is the response's repeated field.
template <typename Response, typename Request, typename Method, typename ItemsOf, typename Item>
grpc::Status PageThrough(const CommandContext& ctx, Method method, Request request,
                         const ListOptions& options, ItemsOf items_of, std::vector<Item>& out) {
  const auto full = [&] {
    return options.limit > 0 && static_cast<int64_t>(out.size()) >= options.limit;
  };
  request.set_page_size(options.page_size);
  do {
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    Response response;
    const grpc::Status status = (ctx.matching->*method)(&context, request, &response);
    if (!status.ok()) return status;
    for (Item& item : *items_of(response)) {
      if (full()) break;
      out.push_back(std::move(item));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && !full());
  return grpc::Status::OK;
}

int CheckListOptions(const CommandContext& ctx, const ListOptions& options) {
  if (options.page_size < 0 || options.limit < 0) {
    return UsageError(ctx, "--page_size and --limit cannot be negative");
  }
  return kExitOk;
}

}  // namespace

absl::StatusOr<ShortlistRequest> ShortlistRequestFromJson(absl::string_view json) {
  ShortlistRequest request;
  if (absl::Status status = ParseProtoJson(json, NormalizeShortlistRequest, request);
      !status.ok()) {
    return status;
  }
  return request;
}

absl::StatusOr<PeaceProcess> PeaceProcessFromJson(absl::string_view json) {
  PeaceProcess process;
  if (absl::Status status = ParseProtoJson(json, NormalizeProcess, process); !status.ok()) {
    return status;
  }
  return process;
}

int RequestShortlist(const CommandContext& ctx, absl::string_view file) {
  if (file.empty()) return UsageError(ctx, "shortlist needs --file REQUEST.json");
  absl::StatusOr<ShortlistRequest> request = ReadJsonFile(file, &ShortlistRequestFromJson);
  if (!request.ok()) return LocalError(ctx, request.status());
  return CallAndPrint<Shortlist>(ctx, &MatchingService::StubInterface::RequestShortlist, *request,
                                 FormatShortlist);
}

int GetShortlist(const CommandContext& ctx, absl::string_view name) {
  absl::StatusOr<std::string> full_name = ShortlistName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  matching::v1::GetShortlistRequest request;
  request.set_name(*full_name);
  return CallAndPrint<Shortlist>(ctx, &MatchingService::StubInterface::GetShortlist, request,
                                 FormatShortlist);
}

int ListShortlists(const CommandContext& ctx, absl::string_view process,
                   const ListOptions& options) {
  if (const int code = CheckListOptions(ctx, options); code != kExitOk) return code;
  matching::v1::ListShortlistsRequest request;
  if (!process.empty()) {
    absl::StatusOr<std::string> name = ProcessName(process);
    if (!name.ok()) return UsageError(ctx, absl::StrCat("--process: ", name.status().message()));
    request.set_process(*name);
  }
  std::vector<Shortlist> shortlists;
  const grpc::Status status = PageThrough<matching::v1::ListShortlistsResponse>(
      ctx, &MatchingService::StubInterface::ListShortlists, request, options,
      [](auto& response) { return response.mutable_shortlists(); }, shortlists);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatShortlists(shortlists, ctx.output);
  return kExitOk;
}

int CreateProcess(const CommandContext& ctx, const CreateProcessOptions& options) {
  if (options.file.empty()) return UsageError(ctx, "process create needs --file PROCESS.json");
  absl::StatusOr<PeaceProcess> process = ReadJsonFile(options.file, &PeaceProcessFromJson);
  if (!process.ok()) return LocalError(ctx, process.status());
  matching::v1::CreateProcessRequest request;
  request.set_process_id(options.id);
  *request.mutable_process() = *std::move(process);
  return CallAndPrint<PeaceProcess>(ctx, &MatchingService::StubInterface::CreateProcess, request,
                                    FormatProcess);
}

int GetProcess(const CommandContext& ctx, absl::string_view name) {
  absl::StatusOr<std::string> full_name = ProcessName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  matching::v1::GetProcessRequest request;
  request.set_name(*full_name);
  return CallAndPrint<PeaceProcess>(ctx, &MatchingService::StubInterface::GetProcess, request,
                                    FormatProcess);
}

int ListProcesses(const CommandContext& ctx, const ListOptions& options) {
  if (const int code = CheckListOptions(ctx, options); code != kExitOk) return code;
  std::vector<PeaceProcess> processes;
  const grpc::Status status = PageThrough<matching::v1::ListProcessesResponse>(
      ctx, &MatchingService::StubInterface::ListProcesses, matching::v1::ListProcessesRequest(),
      options, [](auto& response) { return response.mutable_processes(); }, processes);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatProcesses(processes, ctx.output);
  return kExitOk;
}

int UpdateProcess(const CommandContext& ctx, const UpdateProcessOptions& options) {
  absl::StatusOr<std::string> name = ProcessName(options.name);
  if (!name.ok()) return UsageError(ctx, name.status().message());
  if (options.file.empty()) return UsageError(ctx, "process update needs --file PROCESS.json");
  absl::StatusOr<PeaceProcess> process = ReadJsonFile(options.file, &PeaceProcessFromJson);
  if (!process.ok()) return LocalError(ctx, process.status());
  matching::v1::UpdateProcessRequest request;
  *request.mutable_process() = *std::move(process);
  request.mutable_process()->set_name(*name);
  if (!options.etag.empty()) request.mutable_process()->set_etag(options.etag);
  *request.mutable_update_mask() = UpdateMaskFromFlag(options.update_mask);
  return CallAndPrint<PeaceProcess>(ctx, &MatchingService::StubInterface::UpdateProcess, request,
                                    FormatProcess);
}

}  // namespace wps::wpsctl
