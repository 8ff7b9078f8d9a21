// Type-ahead for the model picker: a text box above each select filters its options.
// Without JavaScript the plain selects work on their own.
document.querySelectorAll("select[data-typeahead]").forEach((select) => {
  const input = document.createElement("input");
  input.type = "search";
  input.className = "picker-filter";
  input.placeholder = "Type to filter…";
  input.setAttribute("aria-label", `Filter: ${select.labels[0]?.textContent.trim() || "models"}`);
  input.setAttribute("aria-controls", select.id);
  select.before(input);
  const options = Array.from(select.options).slice(1);
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLowerCase();
    let first = null;
    for (const option of options) {
      const match = !needle || option.text.toLowerCase().includes(needle);
      option.hidden = !match;
      if (match && !first) first = option;
    }
    if (needle && first) select.value = first.value;
  });
});
