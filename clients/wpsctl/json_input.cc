#include "clients/wpsctl/json_input.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"

namespace wps::wpsctl {
namespace {

google::protobuf::StringPiece ToStringPiece(absl::string_view text) {
  return google::protobuf::StringPiece(text.data(), text.size());
}

std::string CamelCase(absl::string_view snake) {
  std::string camel;
  bool upper_next = false;
  for (char c : snake) {
    if (c == '_') {
      upper_next = true;
      continue;
    }
    camel += upper_next ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
    upper_next = false;
  }
  return camel;
}

// Field mask paths are snake_case; people also type the JSON names ("givenName", "contact.email").
std::string SnakeCasePath(absl::string_view path) {
  std::string snake;
  for (char c : path) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      snake += '_';
      snake += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else {
      snake += c;
    }
  }
  return snake;
}

}  // namespace

absl::Status ParseProtoJson(absl::string_view json, const JsonNormalizer& normalize,
                            google::protobuf::Message& message) {
  std::string normalized(json);
  google::protobuf::Value root;
  if (google::protobuf::util::JsonStringToMessage(ToStringPiece(json), &root).ok()) {
    normalize(root);
    std::string rewritten;
    if (google::protobuf::util::MessageToJsonString(root, &rewritten).ok()) {
      normalized = std::move(rewritten);
    }
  }
  const auto status =
      google::protobuf::util::JsonStringToMessage(ToStringPiece(normalized), &message);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a ", message.GetDescriptor()->name(),
                     " in proto-JSON: ", status.message().ToString()));
  }
  return absl::OkStatus();
}

google::protobuf::Value* FindJsonField(google::protobuf::Value& object,
                                       absl::string_view snake_name) {
  if (object.kind_case() != google::protobuf::Value::kStructValue) return nullptr;
  auto& fields = *object.mutable_struct_value()->mutable_fields();
  if (auto it = fields.find(std::string(snake_name)); it != fields.end()) return &it->second;
  if (auto it = fields.find(CamelCase(snake_name)); it != fields.end()) return &it->second;
  return nullptr;
}

void NormalizeEnum(google::protobuf::Value& value, absl::string_view prefix) {
  if (value.kind_case() != google::protobuf::Value::kStringValue) return;
  std::string name = absl::AsciiStrToUpper(value.string_value());
  if (!absl::StartsWith(name, prefix)) name = absl::StrCat(prefix, name);
  value.set_string_value(name);
}

void ForEachJsonElement(google::protobuf::Value* list,
                        const std::function<void(google::protobuf::Value&)>& fn) {
  if (list == nullptr || list->kind_case() != google::protobuf::Value::kListValue) return;
  for (google::protobuf::Value& element : *list->mutable_list_value()->mutable_values()) {
    fn(element);
  }
}

google::protobuf::FieldMask UpdateMaskFromFlag(absl::string_view flag) {
  google::protobuf::FieldMask mask;
  for (absl::string_view path : absl::StrSplit(flag, ',', absl::SkipWhitespace())) {
    mask.add_paths(SnakeCasePath(absl::StripAsciiWhitespace(path)));
  }
  return mask;
}

}  // namespace wps::wpsctl
