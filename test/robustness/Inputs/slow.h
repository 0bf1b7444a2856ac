// Standard headers that take the compiler a while (see changed-during-run.cpp).
#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>
