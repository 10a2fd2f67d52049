#include "services/http/json_gateway.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/codegen/proto_utils.h"  // gRPC serializes protobuf::Message through these traits
#include "services/common/caller.h"
#include "services/common/grpc_status.h"
#include "services/http/json_routes.h"

namespace wps::http {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::MethodDescriptor;

using MessageStub = grpc::TemplatedGenericStub<Message, Message>;

constexpr absl::Duration kCallTimeout = absl::Seconds(60);

absl::Status BadRequest(absl::string_view message) { return absl::InvalidArgumentError(message); }

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string ToJson(const Message& message) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

// The field of `descriptor` a query parameter or path names: by its JSON name (pageSize) or its
// proto name (page_size).
const FieldDescriptor* FieldNamed(const Descriptor& descriptor, absl::string_view name) {
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor* field = descriptor.field(i);
    if (field->json_name() == name || field->name() == name) return field;
  }
  return nullptr;
}

// The message holding the last part of dotted `path` inside `message` (created as needed), and that
// field; nullptr when a part is not a field, or not a message before the last.
std::pair<Message*, const FieldDescriptor*> Resolve(Message& message, absl::string_view path) {
  Message* holder = &message;
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = FieldNamed(*holder->GetDescriptor(), parts[i]);
    if (field == nullptr) return {nullptr, nullptr};
    if (i + 1 == parts.size()) return {holder, field};
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated())
      return {nullptr, nullptr};
    holder = holder->GetReflection()->MutableMessage(holder, field);
  }
  return {nullptr, nullptr};
}

// `value` as the JSON of one value of `field`: quoted unless a bool or a number of a JSON kind that
// the parser takes bare.
std::string JsonValue(const FieldDescriptor& field, const std::string& value) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return absl::AsciiStrToLower(value) == "true" || value == "1" ? "true" : "false";
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return value;
    default: {
      std::string quoted = "\"";
      for (char c : value) {
        if (c == '"' || c == '\\') quoted.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppend(&quoted, "\\u00",
                          absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
          continue;
        }
        quoted.push_back(c);
      }
      quoted.push_back('"');
      return quoted;
    }
  }
}

// Merges `{"field": value}` into `holder` through the JSON parser, so that every field type (enums
// by name, timestamps, field masks, 64-bit numbers) converts as the JSON mapping says.
absl::Status SetField(Message& holder, const FieldDescriptor& field,
                      const std::vector<std::string>& values) {
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
      !absl::StartsWith(field.message_type()->full_name(), "google.protobuf.")) {
    return BadRequest(
        absl::StrCat("field ", field.json_name(), " cannot be given as a query parameter"));
  }
  std::vector<std::string> json_values;
  for (const std::string& value : values) json_values.push_back(JsonValue(field, value));
  const std::string json =
      absl::StrCat("{\"", field.json_name(), "\":",
                   field.is_repeated() ? absl::StrCat("[", absl::StrJoin(json_values, ","), "]")
                                       : json_values.back(),
                   "}");
  std::unique_ptr<Message> part(holder.New());
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, part.get());
  if (!parsed.ok()) {
    return BadRequest(absl::StrCat("query parameter ", field.json_name(), ": ", parsed.ToString()));
  }
  holder.MergeFrom(*part);
  return absl::OkStatus();
}

absl::Status ParseBody(const JsonRoute& route, const std::string& body, Message& request) {
  if (route.body.empty() || absl::StripAsciiWhitespace(body).empty()) return absl::OkStatus();
  Message* target = &request;
  if (route.body != "*") {
    auto [holder, field] = Resolve(request, route.body);
    if (field == nullptr) return absl::InternalError("bad route body field");
    target = holder->GetReflection()->MutableMessage(holder, field);
  }
  google::protobuf::util::JsonParseOptions options;
  const auto parsed = google::protobuf::util::JsonStringToMessage(body, target, options);
  if (!parsed.ok())
    return BadRequest(absl::StrCat("the body is not a valid JSON ", target->GetDescriptor()->name(),
                                   ": ", parsed.ToString()));
  return absl::OkStatus();
}

absl::Status ApplyPath(const RouteMatch& match, Message& request) {
  for (const PathBinding& binding : match.route->bindings) {
    auto [holder, field] = Resolve(request, binding.field);
    if (field == nullptr) return absl::InternalError("bad route binding");
    holder->GetReflection()->SetString(holder, field,
                                       absl::StrJoin(match.segments.begin() + binding.begin,
                                                     match.segments.begin() + binding.end, "/"));
  }
  return absl::OkStatus();
}

absl::Status ApplyQuery(const std::multimap<std::string, std::string>& query, Message& request) {
  for (auto it = query.begin(); it != query.end();) {
    const std::string& key = it->first;
    std::vector<std::string> values;
    for (; it != query.end() && it->first == key; ++it) values.push_back(it->second);
    auto [holder, field] = Resolve(request, key);
    if (field == nullptr) return BadRequest(absl::StrCat("unknown query parameter ", key));
    if (absl::Status set = SetField(*holder, *field, values); !set.ok()) return set;
  }
  return absl::OkStatus();
}

// The request of `match`'s RPC built from the path, body and query, or the error to answer.
absl::Status BuildRequest(const RouteMatch& match, const HttpRequest& http, Message& request) {
  if (absl::Status parsed = ParseBody(*match.route, http.body, request); !parsed.ok())
    return parsed;
  if (absl::Status applied = ApplyQuery(http.query, request); !applied.ok()) return applied;
  return ApplyPath(match, request);
}

const MethodDescriptor* MethodOf(const std::string& rpc) {
  // "/wps.roster.v1.RosterService/GetMediator" -> "wps.roster.v1.RosterService.GetMediator"
  std::string full_name = rpc.substr(1);
  full_name[full_name.rfind('/')] = '.';
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
}

std::unique_ptr<Message> NewMessage(const Descriptor* descriptor) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
  return std::unique_ptr<Message>(prototype->New());
}

}  // namespace

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    default:
      return 500;  // UNKNOWN, INTERNAL, DATA_LOSS
  }
}

HttpResponse ErrorResponse(const grpc::Status& status, int http_status) {
  google::rpc::Status rpc_status;
  if (status.error_details().empty() || !rpc_status.ParseFromString(status.error_details())) {
    rpc_status.Clear();
    rpc_status.set_code(static_cast<int>(status.error_code()));
    rpc_status.set_message(status.error_message());
  }
  HttpResponse response = JsonResponse(
      http_status != 0 ? http_status : HttpStatusOf(status.error_code()), ToJson(rpc_status));
  // details carry an Any each; "details": [] when none, as clients expect the key.
  if (rpc_status.details().empty())
    response.body.insert(response.body.size() - 1, ",\"details\":[]");
  return response;
}

void PrepareContext(const HttpRequest& request, grpc::ClientContext& context,
                    absl::Duration timeout) {
  if (!request.authorization.empty()) context.AddMetadata("authorization", request.authorization);
  context.AddMetadata(std::string(common::kHttpPeerMetadata), request.peer);
  if (!request.request_id.empty()) context.AddMetadata("x-request-id", request.request_id);
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

JsonGateway::JsonGateway(std::shared_ptr<grpc::Channel> channel) : channel_(std::move(channel)) {}

HttpResponse JsonGateway::Handle(const HttpRequest& http) const {
  bool path_exists = false;
  const std::optional<RouteMatch> match = FindRoute(http.method, http.path, &path_exists);
  if (!match) {
    if (!path_exists) {
      return ErrorResponse(
          grpc::Status(grpc::StatusCode::NOT_FOUND, absl::StrCat("no resource at ", http.path)));
    }
    return ErrorResponse(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                                      absl::StrCat(http.method, " is not served for ", http.path)),
                         405);
  }
  const MethodDescriptor* method = MethodOf(match->route->rpc);
  if (method == nullptr)
    return ErrorResponse(grpc::Status(grpc::StatusCode::INTERNAL, "unknown method"));
  std::unique_ptr<Message> request = NewMessage(method->input_type());
  std::unique_ptr<Message> response = NewMessage(method->output_type());
  if (absl::Status built = BuildRequest(*match, http, *request); !built.ok()) {
    return ErrorResponse(common::ToGrpcStatus(built));
  }

  grpc::ClientContext context;
  PrepareContext(http, context, kCallTimeout);
  MessageStub stub(channel_);
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, match->route->rpc, grpc::StubOptions(), request.get(), response.get(),
                 [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return ErrorResponse(status);
  return JsonResponse(200, ToJson(*response));
}

}  // namespace wps::http
