#include "clients/wpsctl/mediator_commands.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/json_input.h"
#include "clients/wpsctl/resource_names.h"
#include "google/protobuf/struct.pb.h"

namespace wps::wpsctl {
namespace {

using roster::v1::Mediator;

// Calls a unary RPC with a fresh context and prints the returned mediator.
template <typename Request, typename Method>
int CallAndPrint(const CommandContext& ctx, Method method, const Request& request) {
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  Mediator response;
  const grpc::Status status = (ctx.stub->*method)(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatMediator(response, ctx.output);
  return kExitOk;
}

absl::StatusOr<Mediator> ReadMediatorFile(absl::string_view path) {
  absl::StatusOr<std::string> json = ReadFileOrStdin(path);
  if (!json.ok()) return json.status();
  absl::StatusOr<Mediator> mediator = MediatorFromJson(*json);
  if (!mediator.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", mediator.status().message()));
  }
  return mediator;
}

// Lets people write the short forms API.md uses ("level": "C2" or "native", "availability":
// "limited") where proto-JSON wants the enum names (LANGUAGE_LEVEL_C2, LIMITED).
void NormalizeEnums(google::protobuf::Value& root) {
  if (google::protobuf::Value* availability = FindJsonField(root, "availability")) {
    NormalizeEnum(*availability, "");
  }
  ForEachJsonElement(FindJsonField(root, "languages"), [](google::protobuf::Value& skill) {
    if (google::protobuf::Value* level = FindJsonField(skill, "level")) {
      NormalizeEnum(*level, "LANGUAGE_LEVEL_");
    }
  });
}

}  // namespace

absl::StatusOr<Mediator> MediatorFromJson(absl::string_view json) {
  Mediator mediator;
  if (absl::Status status = ParseProtoJson(json, NormalizeEnums, mediator); !status.ok()) {
    return status;
  }
  return mediator;
}

int GetMediator(const CommandContext& ctx, absl::string_view name) {
  absl::StatusOr<std::string> full_name = MediatorName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  roster::v1::GetMediatorRequest request;
  request.set_name(*full_name);
  return CallAndPrint(ctx, &roster::v1::RosterService::StubInterface::GetMediator, request);
}

int CreateMediator(const CommandContext& ctx, const CreateMediatorOptions& options) {
  absl::StatusOr<std::string> parent = NetworkName(options.parent);
  if (!parent.ok()) return UsageError(ctx, parent.status().message());
  if (options.file.empty()) return UsageError(ctx, "create needs --file MEDIATOR.json");
  absl::StatusOr<Mediator> mediator = ReadMediatorFile(options.file);
  if (!mediator.ok()) return LocalError(ctx, mediator.status());
  roster::v1::CreateMediatorRequest request;
  request.set_parent(*parent);
  request.set_mediator_id(options.id);
  *request.mutable_mediator() = *std::move(mediator);
  return CallAndPrint(ctx, &roster::v1::RosterService::StubInterface::CreateMediator, request);
}

int UpdateMediator(const CommandContext& ctx, const UpdateMediatorOptions& options) {
  absl::StatusOr<std::string> name = MediatorName(options.name);
  if (!name.ok()) return UsageError(ctx, name.status().message());
  if (options.file.empty()) return UsageError(ctx, "update needs --file MEDIATOR.json");
  absl::StatusOr<Mediator> mediator = ReadMediatorFile(options.file);
  if (!mediator.ok()) return LocalError(ctx, mediator.status());
  roster::v1::UpdateMediatorRequest request;
  *request.mutable_mediator() = *std::move(mediator);
  request.mutable_mediator()->set_name(*name);
  if (!options.etag.empty()) request.mutable_mediator()->set_etag(options.etag);
  *request.mutable_update_mask() = UpdateMaskFromFlag(options.update_mask);
  return CallAndPrint(ctx, &roster::v1::RosterService::StubInterface::UpdateMediator, request);
}

int DeleteMediator(const CommandContext& ctx, absl::string_view name, absl::string_view etag) {
  absl::StatusOr<std::string> full_name = MediatorName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  roster::v1::DeleteMediatorRequest request;
  request.set_name(*full_name);
  request.set_etag(std::string(etag));
  return CallAndPrint(ctx, &roster::v1::RosterService::StubInterface::DeleteMediator, request);
}

int UndeleteMediator(const CommandContext& ctx, absl::string_view name) {
  absl::StatusOr<std::string> full_name = MediatorName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  roster::v1::UndeleteMediatorRequest request;
  request.set_name(*full_name);
  return CallAndPrint(ctx, &roster::v1::RosterService::StubInterface::UndeleteMediator, request);
}

int PurgeMediator(const CommandContext& ctx, absl::string_view name, absl::string_view etag) {
  absl::StatusOr<std::string> full_name = MediatorName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  roster::v1::PurgeMediatorRequest request;
  request.set_name(*full_name);
  request.set_etag(std::string(etag));
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  roster::v1::PurgeMediatorResponse response;
  const grpc::Status called = ctx.stub->PurgeMediator(&context, request, &response);
  if (!called.ok()) return RpcError(ctx, called);
  if (ctx.output == OutputFormat::kJson) {
    *ctx.out << MessageJson(response) << "\n";
  } else {
    *ctx.out << "purged " << response.name() << " (removed from " << response.shortlists_scrubbed()
             << " stored shortlists; partners that held her record are sent a DELETE)\n";
  }
  return kExitOk;
}

int ListMediators(const CommandContext& ctx, const ListMediatorsOptions& options) {
  absl::StatusOr<std::string> parent = NetworkNameOrAll(options.parent);
  if (!parent.ok()) return UsageError(ctx, parent.status().message());
  if (options.page_size < 0 || options.limit < 0) {
    return UsageError(ctx, "--page_size and --limit cannot be negative");
  }
  roster::v1::ListMediatorsRequest request;
  request.set_parent(*parent);
  request.set_show_deleted(options.show_deleted);
  request.set_page_size(options.page_size);
  std::vector<Mediator> mediators;
  do {
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    roster::v1::ListMediatorsResponse response;
    const grpc::Status status = ctx.stub->ListMediators(&context, request, &response);
    if (!status.ok()) return RpcError(ctx, status);
    for (Mediator& m : *response.mutable_mediators()) {
      if (options.limit > 0 && static_cast<int64_t>(mediators.size()) >= options.limit) break;
      mediators.push_back(std::move(m));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() &&
           (options.limit == 0 || static_cast<int64_t>(mediators.size()) < options.limit));
  *ctx.out << FormatMediators(mediators, ctx.output);
  return kExitOk;
}

}  // namespace wps::wpsctl
