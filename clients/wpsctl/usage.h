// The text of 'wpsctl --help': every command with an example, the global flags and the exit codes.
#ifndef WPS_CLIENTS_WPSCTL_USAGE_H_
#define WPS_CLIENTS_WPSCTL_USAGE_H_

namespace wps::wpsctl {

extern const char kUsage[];

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_USAGE_H_
