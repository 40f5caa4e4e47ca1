export async function load() {
  const m = await import('../targets/lazy');
  return m.l;
}
