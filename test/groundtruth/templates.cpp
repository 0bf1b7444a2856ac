// Ground truth for class templates: every wasting instantiation is verified
// with its own suggested order.
// RUN: %verify_layout %s --min-verified=2 -- -std=c++17
// RUN: %verify_layout %s --fix --min-verified=10 -- -std=c++17

template <typename T>
struct Slot {
  bool used;
  T value;
  bool dirty;
};

template <typename K, typename V>
struct Entry {
  K key;
  char state;
  V value;
  char flags;
};

template <typename T, int N>
struct SmallVec {
  unsigned char size;
  T inline_storage[N];
  unsigned char capacity;
};

namespace cache {
template <typename T>
class Line {
public:
  T load() const { return payload_; }

private:
  bool valid_;
  T payload_;
  short tag_;
};
} // namespace cache

Slot<double> s1;
Slot<int> s2;
Slot<char> s3;
Slot<long long> s4;
Entry<char, double> e1;
Entry<double, char> e2;
Entry<int, int> e3;
SmallVec<double, 2> v1;
SmallVec<short, 3> v2;
cache::Line<double> l1;
cache::Line<char> l2;
