#ifndef VIEW_PARAMETER_API_H
#define VIEW_PARAMETER_API_H
#include <string>

// Declared here, defined in the test: callers in other files may exist.
int parseLevel(const std::string &text);

// Defined in the header: also visible to other files.
inline bool isQuiet(const std::string &mode) { return mode == "quiet"; }

#endif
