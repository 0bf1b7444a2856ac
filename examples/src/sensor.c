/* Sensor samples collected by the C acquisition layer. */
#include <stddef.h>

/* 32 bytes with 12 of padding; {value, timestamp_us, channel, valid, unit}
 * needs 24. tightfit reports it as 'struct sensor_sample'. */
struct sensor_sample {
  char valid;
  double value;
  unsigned short channel;
  char unit;
  long timestamp_us;
};

/* Already ordered by decreasing alignment: 24 bytes, no finding. */
struct sensor_config {
  double scale;
  double offset;
  unsigned short channel;
  unsigned char gain;
  unsigned char flags;
};

double average_sensor_value(size_t samples) {
  struct sensor_config config = {2.0, 0.5, 3, 1, 0};
  double sum = 0;
  size_t i;
  for (i = 0; i < samples; ++i) {
    struct sensor_sample s;
    s.valid = 1;
    s.value = (double)i * config.scale + config.offset;
    s.channel = config.channel;
    s.unit = 'V';
    s.timestamp_us = (long)i * 1000;
    if (s.valid)
      sum += s.value;
  }
  return samples ? sum / (double)samples : 0.0;
}
