#ifndef TIGHTFIT_TEST_GROUNDTRUTH_RECORDS_H
#define TIGHTFIT_TEST_GROUNDTRUTH_RECORDS_H

namespace storage {

struct PageHeader {
  unsigned char type;
  unsigned long long lsn;
  unsigned short slots;
  unsigned char flags;
  unsigned int checksum;
};

} // namespace storage

#endif
