#include "tests/e2e/grpc_probe.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace wps::e2e {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// grpc/health/v1/health.proto, as published by the gRPC project.
constexpr char kHealthProto[] = R"pb(
  name: "grpc/health/v1/health.proto"
  package: "grpc.health.v1"
  syntax: "proto3"
  message_type {
    name: "HealthCheckRequest"
    field { name: "service" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
  message_type {
    name: "HealthCheckResponse"
    field {
      name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_ENUM
      type_name: ".grpc.health.v1.HealthCheckResponse.ServingStatus"
    }
    enum_type {
      name: "ServingStatus"
      value { name: "UNKNOWN" number: 0 }
      value { name: "SERVING" number: 1 }
      value { name: "NOT_SERVING" number: 2 }
      value { name: "SERVICE_UNKNOWN" number: 3 }
    }
  }
)pb";

// The parts of grpc/reflection/v1alpha/reflection.proto these probes use (gRPC 1.51 serves v1alpha).
// Fields left out arrive as unknown fields and are ignored.
constexpr char kReflectionProto[] = R"pb(
  name: "grpc/reflection/v1alpha/reflection.proto"
  package: "grpc.reflection.v1alpha"
  syntax: "proto3"
  message_type {
    name: "ServerReflectionRequest"
    field { name: "host" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "file_by_filename" number: 3 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    field { name: "file_containing_symbol" number: 4 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    field { name: "list_services" number: 7 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    oneof_decl { name: "message_request" }
  }
  message_type {
    name: "ServerReflectionResponse"
    field { name: "valid_host" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field {
      name: "file_descriptor_response" number: 4 label: LABEL_OPTIONAL type: TYPE_MESSAGE
      type_name: ".grpc.reflection.v1alpha.FileDescriptorResponse" oneof_index: 0
    }
    field {
      name: "list_services_response" number: 6 label: LABEL_OPTIONAL type: TYPE_MESSAGE
      type_name: ".grpc.reflection.v1alpha.ListServiceResponse" oneof_index: 0
    }
    field {
      name: "error_response" number: 7 label: LABEL_OPTIONAL type: TYPE_MESSAGE
      type_name: ".grpc.reflection.v1alpha.ErrorResponse" oneof_index: 0
    }
    oneof_decl { name: "message_response" }
  }
  message_type {
    name: "FileDescriptorResponse"
    field { name: "file_descriptor_proto" number: 1 label: LABEL_REPEATED type: TYPE_BYTES }
  }
  message_type {
    name: "ListServiceResponse"
    field {
      name: "service" number: 1 label: LABEL_REPEATED type: TYPE_MESSAGE
      type_name: ".grpc.reflection.v1alpha.ServiceResponse"
    }
  }
  message_type {
    name: "ServiceResponse"
    field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
  message_type {
    name: "ErrorResponse"
    field { name: "error_code" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
    field { name: "error_message" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
)pb";

// The message types of both files, built once.
class ProbeTypes {
 public:
  static const ProbeTypes& Get() {
    static const ProbeTypes* types = new ProbeTypes();
    return *types;
  }

  // A new empty message of `full_name`, or nullptr when the type is unknown (a bug in the texts above).
  std::unique_ptr<Message> New(const std::string& full_name) const {
    const Descriptor* descriptor = pool_.FindMessageTypeByName(full_name);
    if (descriptor == nullptr) return nullptr;
    return std::unique_ptr<Message>(factory_.GetPrototype(descriptor)->New());
  }

 private:
  ProbeTypes() {
    for (const char* text : {kHealthProto, kReflectionProto}) {
      google::protobuf::FileDescriptorProto file;
      if (google::protobuf::TextFormat::ParseFromString(text, &file)) pool_.BuildFile(file);
    }
  }

  google::protobuf::DescriptorPool pool_;
  mutable google::protobuf::DynamicMessageFactory factory_{&pool_};
};

absl::StatusOr<std::unique_ptr<Message>> NewMessage(const std::string& full_name, const std::string& text) {
  std::unique_ptr<Message> message = ProbeTypes::Get().New(full_name);
  if (message == nullptr) return absl::InternalError(absl::StrCat("probe type ", full_name, " did not build"));
  if (!google::protobuf::TextFormat::ParseFromString(text, message.get())) {
    return absl::InternalError(absl::StrCat("probe request '", text, "' does not parse as ", full_name));
  }
  return message;
}

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

grpc::ByteBuffer ToByteBuffer(const Message& message) {
  grpc::Slice slice(message.SerializeAsString());
  return grpc::ByteBuffer(&slice, 1);
}

absl::Status ParseByteBuffer(const grpc::ByteBuffer& buffer, Message& message) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return absl::DataLossError("cannot read the response bytes");
  std::string bytes;
  for (const grpc::Slice& slice : slices) bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  if (!message.ParseFromString(bytes)) {
    return absl::DataLossError(absl::StrCat("response does not parse as ", message.GetTypeName()));
  }
  return absl::OkStatus();
}

// Waits for the one operation in flight; true when it is `expected` and succeeded. The call's
// deadline bounds the wait.
bool Await(grpc::CompletionQueue& cq, void* expected) {
  void* tag = nullptr;
  bool ok = false;
  return cq.Next(&tag, &ok) && tag == expected && ok;
}

void Drain(grpc::CompletionQueue& cq) {
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
}

absl::Status UnaryCall(std::shared_ptr<grpc::Channel> channel, const std::string& method,
                       const Message& request, Message& response, absl::Duration timeout) {
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub.PrepareUnaryCall(&context, method, ToByteBuffer(request), &cq);
  call->StartCall();
  grpc::ByteBuffer reply;
  grpc::Status status;
  int finish_tag = 0;
  call->Finish(&reply, &status, &finish_tag);
  Await(cq, &finish_tag);
  Drain(cq);
  if (!status.ok()) return FromGrpc(status);
  return ParseByteBuffer(reply, response);
}

// One request and its one response on a bidi stream, then the stream's end.
absl::Status BidiExchange(std::shared_ptr<grpc::Channel> channel, const std::string& method,
                          const Message& request, Message& response, absl::Duration timeout) {
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(&context, method, &cq);
  int start = 0, write = 0, writes_done = 0, read = 0, finish = 0;
  grpc::ByteBuffer reply;
  call->StartCall(&start);
  bool ok = Await(cq, &start);
  if (ok) {
    call->Write(ToByteBuffer(request), &write);
    ok = Await(cq, &write);
  }
  if (ok) {
    call->WritesDone(&writes_done);
    ok = Await(cq, &writes_done);
  }
  if (ok) {
    call->Read(&reply, &read);
    ok = Await(cq, &read);
  }
  grpc::Status status;
  call->Finish(&status, &finish);
  Await(cq, &finish);
  Drain(cq);
  if (!status.ok()) return FromGrpc(status);
  if (!ok) return absl::UnknownError(absl::StrCat(method, " ended without a response"));
  return ParseByteBuffer(reply, response);
}

// The value of a singular message field, or nullptr when it is not set.
const Message* SubMessage(const Message& message, const std::string& field_name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(field_name);
  if (field == nullptr || !message.GetReflection()->HasField(message, field)) return nullptr;
  return &message.GetReflection()->GetMessage(message, field);
}

std::vector<std::string> RepeatedStrings(const Message& message, const std::string& field_name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(field_name);
  std::vector<std::string> values;
  for (int i = 0; i < message.GetReflection()->FieldSize(message, field); ++i) {
    values.push_back(message.GetReflection()->GetRepeatedString(message, field, i));
  }
  return values;
}

// Sends one ServerReflectionRequest; returns its response, or the server's error_response as a status.
absl::StatusOr<std::unique_ptr<Message>> AskReflection(std::shared_ptr<grpc::Channel> channel,
                                                       const std::string& request_text, absl::Duration timeout) {
  const std::string package = "grpc.reflection.v1alpha.";
  absl::StatusOr<std::unique_ptr<Message>> request = NewMessage(package + "ServerReflectionRequest", request_text);
  if (!request.ok()) return request.status();
  absl::StatusOr<std::unique_ptr<Message>> response = NewMessage(package + "ServerReflectionResponse", "");
  if (!response.ok()) return response.status();
  absl::Status called = BidiExchange(std::move(channel), "/" + package + "ServerReflection/ServerReflectionInfo",
                                     **request, **response, timeout);
  if (!called.ok()) return called;
  if (const Message* error = SubMessage(**response, "error_response"); error != nullptr) {
    const auto* reflection = error->GetReflection();
    const auto* descriptor = error->GetDescriptor();
    return absl::Status(static_cast<absl::StatusCode>(
                            reflection->GetInt32(*error, descriptor->FindFieldByName("error_code"))),
                        reflection->GetString(*error, descriptor->FindFieldByName("error_message")));
  }
  return response;
}

}  // namespace

absl::StatusOr<std::string> CheckHealth(std::shared_ptr<grpc::Channel> channel, const std::string& service,
                                        absl::Duration timeout) {
  absl::StatusOr<std::unique_ptr<Message>> request = NewMessage("grpc.health.v1.HealthCheckRequest", "");
  if (!request.ok()) return request.status();
  const FieldDescriptor* service_field = (*request)->GetDescriptor()->FindFieldByName("service");
  (*request)->GetReflection()->SetString(request->get(), service_field, service);
  absl::StatusOr<std::unique_ptr<Message>> response = NewMessage("grpc.health.v1.HealthCheckResponse", "");
  if (!response.ok()) return response.status();
  absl::Status called =
      UnaryCall(std::move(channel), "/grpc.health.v1.Health/Check", **request, **response, timeout);
  if (!called.ok()) return called;
  const FieldDescriptor* status = (*response)->GetDescriptor()->FindFieldByName("status");
  return (*response)->GetReflection()->GetEnum(**response, status)->name();
}

absl::StatusOr<std::vector<std::string>> ListServicesByReflection(std::shared_ptr<grpc::Channel> channel,
                                                                  absl::Duration timeout) {
  absl::StatusOr<std::unique_ptr<Message>> response =
      AskReflection(std::move(channel), R"pb(list_services: "*")pb", timeout);
  if (!response.ok()) return response.status();
  const Message* list = SubMessage(**response, "list_services_response");
  if (list == nullptr) return absl::UnknownError("the reflection response has no list_services_response");
  const FieldDescriptor* services = list->GetDescriptor()->FindFieldByName("service");
  std::vector<std::string> names;
  for (int i = 0; i < list->GetReflection()->FieldSize(*list, services); ++i) {
    const Message& service = list->GetReflection()->GetRepeatedMessage(*list, services, i);
    names.push_back(service.GetReflection()->GetString(service, service.GetDescriptor()->FindFieldByName("name")));
  }
  return names;
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> FilesContainingSymbol(
    std::shared_ptr<grpc::Channel> channel, const std::string& symbol, absl::Duration timeout) {
  std::unique_ptr<Message> request = ProbeTypes::Get().New("grpc.reflection.v1alpha.ServerReflectionRequest");
  if (request == nullptr) return absl::InternalError("probe type ServerReflectionRequest did not build");
  request->GetReflection()->SetString(request.get(), request->GetDescriptor()->FindFieldByName("file_containing_symbol"),
                                      symbol);
  absl::StatusOr<std::unique_ptr<Message>> response =
      AskReflection(std::move(channel), request->ShortDebugString(), timeout);
  if (!response.ok()) return response.status();
  const Message* files = SubMessage(**response, "file_descriptor_response");
  if (files == nullptr) return absl::UnknownError("the reflection response has no file_descriptor_response");
  std::vector<google::protobuf::FileDescriptorProto> parsed;
  for (const std::string& bytes : RepeatedStrings(*files, "file_descriptor_proto")) {
    if (!parsed.emplace_back().ParseFromString(bytes)) {
      return absl::DataLossError("a file_descriptor_proto does not parse");
    }
  }
  return parsed;
}

}  // namespace wps::e2e
