// The proto-JSON files wpsctl reads (--file) and the --update_mask flag: parsing with the short
// enum spellings people write ("C2", "limited", "negotiation") turned into the enum names
// proto-JSON wants. Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_JSON_INPUT_H_
#define WPS_CLIENTS_WPSCTL_JSON_INPUT_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"

namespace wps::wpsctl {

// Rewrites the JSON tree of a message before it is parsed; see NormalizeEnum.
using JsonNormalizer = std::function<void(google::protobuf::Value& root)>;

// Parses `json` (either field name style) into `message`, after `normalize` has rewritten its
// tree (when `json` is valid JSON). INVALID_ARGUMENT "not a TYPE in proto-JSON: REASON", TYPE being
// the message's type name without package ("Mediator").
absl::Status ParseProtoJson(absl::string_view json, const JsonNormalizer& normalize,
                            google::protobuf::Message& message);

// The value of `object`'s field spelled `snake_name` or its lowerCamelCase form; null when `object`
// is not a JSON object or has neither.
google::protobuf::Value* FindJsonField(google::protobuf::Value& object,
                                       absl::string_view snake_name);

// Upper-cases the string `value` and gives it `prefix` when it lacks it ("c2" with prefix
// "LANGUAGE_LEVEL_" -> "LANGUAGE_LEVEL_C2"); leaves other kinds of values alone.
void NormalizeEnum(google::protobuf::Value& value, absl::string_view prefix);

// Calls `fn` on each element of `list` when it is a JSON array.
void ForEachJsonElement(google::protobuf::Value* list,
                        const std::function<void(google::protobuf::Value&)>& fn);

// The mask of a comma-separated --update_mask ("availability, givenName"): paths trimmed, turned
// to snake_case ("given_name"), empty items skipped.
google::protobuf::FieldMask UpdateMaskFromFlag(absl::string_view flag);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_JSON_INPUT_H_
