// Cache lines and heap chunks: the notes, the options that keep only the
// findings that change them, and cache-line-aligned fields as group barriers.
//
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,DEFAULT -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,CHUNK --config="{CheckOptions: {tightfit-padded-record.RequireSizeClassChange: true}}" -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,LINES --config="{CheckOptions: {tightfit-padded-record.RequireCacheLineChange: true}}" -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,LINE128 --config="{CheckOptions: {tightfit-padded-record.CacheLineSize: 128}}" -- -std=c++17 --target=x86_64-linux-gnu

// 24 -> 16 (a@0 b@8 c@16; {a, c, b}): one line either way, and glibc's
// 32-byte chunk either way (24 + 8 -> 32, 16 + 8 -> 32).
struct Small {
  char a;
  double b;
  char c;
};
// DEFAULT: :[[@LINE-5]]:8: warning: 'Small' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// LINE128: :[[@LINE-6]]:8: warning: 'Small' is 24 bytes

// 40 -> 24 (a@0 x@8 b@16 y@24 c@32; {a, b, c, x, y}): one line either way;
// chunks 48 -> 32.
struct Medium {
  char a;
  double x;
  char b;
  double y;
  char c;
};
// DEFAULT: :[[@LINE-7]]:8: warning: 'Medium' is 40 bytes with 21 bytes of padding; ordering fields as {a, b, c, x, y} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
// CHUNK: :[[@LINE-8]]:8: warning: 'Medium' is 40 bytes
// LINE128: :[[@LINE-9]]:8: warning: 'Medium' is 40 bytes

// A cache-line-aligned first field, then the fields its author put on that
// line: head@0 f1@8 count@16 f2@24 payload@25 (40 bytes) -> 65 -> 128. After
// 'head' (the barrier) 8 + 1 + 8 + 1 + 40 = 58 bytes fit in one line:
// {head, f1, f2, count, payload} = 0, 8, 9, 16, 24 -> 64 moves only 'count'.
// The trailing array stays last. Two lines become one; chunks 144 -> 80.
struct Hot {
  alignas(64) long long head;
  char f1;
  long long count;
  char f2;
  char payload[40];
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'Hot' is 128 bytes with 70 bytes of padding; ordering fields as {head, f1, f2, count, payload} makes it 64 bytes (saves 64 bytes, 50%) [tightfit-padded-record]
// DEFAULT: :[[@LINE-8]]:8: note: each instance spans 2 cache lines of 64 bytes; in the suggested order, 1

// Fields on either side of a cache-line-aligned field stay there:
// tag@0 hot@64 flag@72 cold@80 -> 128. Without the barrier, {hot, flag, cold,
// tag} = 0, 8, 16, 24 (moving only 'tag') would make it 64, but 'tag' would
// join 'hot's line.
// With it, {tag} then {hot} then {flag, cold} in any order is 128: nothing to
// report. Counting lines of 128 bytes, 'hot' is no barrier.
struct Separated {
  char tag;
  alignas(64) long long hot;
  char flag;
  long long cold;
};
// LINE128: :[[@LINE-6]]:8: warning: 'Separated' is 128 bytes with 110 bytes of padding; ordering fields as {hot, flag, cold, tag} makes it 64 bytes (saves 64 bytes, 50%) [tightfit-padded-record]
