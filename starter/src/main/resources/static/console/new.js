// Puts an uploaded audience into the spec's last wave (replacing its inline openids).
function consoleUseAudience(audienceId) {
  const area = document.getElementById('spec');
  try {
    const spec = JSON.parse(area.value);
    if (!Array.isArray(spec.waves) || spec.waves.length === 0) {
      spec.waves = [{name: 'all', audience: {}}];
    }
    spec.waves[spec.waves.length - 1].audience = {audience_id: audienceId};
    area.value = JSON.stringify(spec, null, 2);
  } catch (e) {
    alert('The spec is not valid JSON yet: fix it, then use the audience again.');
  }
}
