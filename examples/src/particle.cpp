// A particle system laid out for SIMD: position and velocity are 16-byte
// aligned vectors.
#include "tfexample/feed.h"

#include <vector>

namespace feed {

// alignas(16) members force 15 bytes of padding after each small field in
// front of them: 80 bytes per particle. tightfit: vectors first, 48 bytes.
struct Particle {
  bool alive;
  alignas(16) float position[4];
  std::uint8_t species;
  alignas(16) float velocity[4];
  float mass;
};

// Vectors first and scalars packed behind them: 48 bytes, no finding.
struct PackedParticle {
  alignas(16) float position[4];
  alignas(16) float velocity[4];
  float mass;
  std::uint8_t species;
  bool alive;
};

double simulate(std::size_t particles, std::size_t steps) {
  std::vector<Particle> system(particles);
  for (std::size_t i = 0; i < particles; ++i) {
    system[i].alive = true;
    system[i].mass = 1.0f + float(i % 3);
    system[i].velocity[0] = 0.5f;
  }
  for (std::size_t s = 0; s < steps; ++s)
    for (Particle &p : system)
      for (int d = 0; d < 3; ++d)
        p.position[d] += p.velocity[d];
  double energy = 0;
  for (const Particle &p : system)
    if (p.alive)
      energy += 0.5 * p.mass * p.velocity[0] * p.velocity[0];
  PackedParticle packed{};
  return energy + packed.mass;
}

} // namespace feed
