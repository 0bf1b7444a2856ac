// Defaults: every record that shrinks by at least one byte.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,DEFAULT -- -std=c++17 --target=x86_64-linux-gnu
// MinSavingBytes: only records that shrink by at least 8 bytes.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,BYTES8 \
// RUN:   --config="{CheckOptions: {tightfit-padded-record.MinSavingBytes: 8}}" -- -std=c++17 --target=x86_64-linux-gnu
// MinSavingPercent: only records that shrink by at least 40%.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,PERCENT40 \
// RUN:   --config="{CheckOptions: {tightfit-padded-record.MinSavingPercent: 40}}" -- -std=c++17 --target=x86_64-linux-gnu
// IgnoredRecords: semicolon-separated regular expressions matched against the
// whole qualified name.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,IGNORED \
// RUN:   --config="{CheckOptions: {tightfit-padded-record.IgnoredRecords: 'legacy::.*;Small'}}" -- -std=c++17 --target=x86_64-linux-gnu

// 12 -> 8: saves 4 bytes, 33%.
struct Small {
// DEFAULT: :[[@LINE-1]]:8: warning: 'Small' is 12 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
// PERCENT40-NOT: 'Small'
  char a;
  int b;
  char c;
};

// 24 -> 16: saves 8 bytes, 33%.
struct Medium {
// DEFAULT: :[[@LINE-1]]:8: warning: 'Medium' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// BYTES8: :[[@LINE-2]]:8: warning: 'Medium' is 24 bytes
// IGNORED: :[[@LINE-3]]:8: warning: 'Medium' is 24 bytes
  char a;
  double b;
  char c;
};

// a@0, b@8, c@16, d@24, e@32 -> 40; {a, c, e, b, d}: a@0, c@1, e@2, b@8, d@16 -> 24.
// Saves 16 bytes, 40%.
struct Large {
// DEFAULT: :[[@LINE-1]]:8: warning: 'Large' is 40 bytes with 21 bytes of padding; ordering fields as {a, c, e, b, d} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
// BYTES8: :[[@LINE-2]]:8: warning: 'Large' is 40 bytes
// PERCENT40: :[[@LINE-3]]:8: warning: 'Large' is 40 bytes
// IGNORED: :[[@LINE-4]]:8: warning: 'Large' is 40 bytes
  char a;
  double b;
  char c;
  double d;
  char e;
};

namespace legacy {
// Same shape as Small, but in the ignored namespace.
struct Wire {
// DEFAULT: :[[@LINE-1]]:8: warning: 'legacy::Wire' is 12 bytes
// IGNORED-NOT: 'legacy::Wire'
  char a;
  int b;
  char c;
};
} // namespace legacy

// The ignore list matches whole names: 'Small' does not ignore 'SmallPlus'.
struct SmallPlus {
// DEFAULT: :[[@LINE-1]]:8: warning: 'SmallPlus' is 12 bytes
// IGNORED: :[[@LINE-2]]:8: warning: 'SmallPlus' is 12 bytes
  char a;
  int b;
  char c;
};
