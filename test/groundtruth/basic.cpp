// Ground truth for tightfit-padded-record: every finding's current size and
// suggested order are compiled with static_asserts, on x86_64 and i686.
// RUN: %verify_layout %s --min-verified=4 -- -std=c++17
// Applied as fix-its, the same orders give the same sizes and offsets.
// RUN: %verify_layout %s --fix --min-verified=8 -- -std=c++17

struct Packet {
  unsigned char version;
  unsigned long long sequence;
  unsigned short length;
  unsigned char flags;
  unsigned int checksum;
};

struct OrderBookEntry {
  bool is_bid;
  double price;
  int quantity;
  char side;
  long long order_id;
  short venue;
};

struct Point {
  float x;
  float y;
  char tag;
};

struct Tight {
  double d;
  int i;
  short s;
  char c1;
  char c2;
};

struct Base {
  virtual ~Base();
  int id;
};

// Fields of a derived class start after the base's data (Itanium reuses the
// base's tail padding).
struct Derived : Base {
  char a;
  double b;
  char c;
};

class WithMethods {
public:
  int get() const { return value_; }
  void set(int v) { value_ = v; }

private:
  char state_;
  double weight_;
  int value_;
  char mode_;
};

struct Arrays {
  char name[3];
  double values[2];
  short code;
  char suffix[5];
};

Packet p;
OrderBookEntry e;
Point pt;
Tight t;
Derived d;
WithMethods w;
Arrays arr;
