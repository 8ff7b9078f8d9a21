// The "compare any two models" picker's type-ahead. Each text box becomes an ARIA combobox
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): as the reader types, suggestions
// come from GET /api/v1/models/suggest into a listbox under the box. Down and Up move
// through them, Enter chooses one, Escape closes the list; a click chooses too. Choosing
// writes the model's title in the box and its slug in a hidden field (a_slug / b_slug), so
// the comparison resolves exactly; editing the text afterwards forgets the slug.
// Without JavaScript the boxes are plain text inputs and the server resolves what was typed.
(() => {
  "use strict";

  const DELAY_MS = 120; // wait for a pause in typing before asking the server
  const LIMIT = 10;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function combobox(form, input) {
    const url = form.dataset.suggestUrl;
    const slugName = `${input.name}_slug`;
    let slugField = form.querySelector(`input[type="hidden"][name="${slugName}"]`);
    if (!slugField) {
      slugField = element("input");
      slugField.type = "hidden";
      slugField.name = slugName;
      form.append(slugField);
    }
    const label = input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "Model";
    const listbox = element("ul", "picker-suggestions");
    listbox.id = `${input.id}-suggestions`;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", `${label}: suggestions`);
    listbox.hidden = true;
    const status = element("p", "picker-status visually-hidden");
    status.setAttribute("role", "status");
    input.after(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    let results = []; // the suggestions shown: [{slug, title, lab}]
    let shownFor = null; // the text they were fetched for
    let active = -1;
    let timer = 0;
    let request = null;
    let pendingStep = 0; // an arrow pressed before the suggestions arrived

    const isOpen = () => !listbox.hidden;
    const typed = () => input.value.trim().replace(/\s+/g, " ");

    function say(message, visible) {
      status.textContent = message;
      status.classList.toggle("visually-hidden", !visible);
    }

    function setActive(index) {
      const options = listbox.children;
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      const option = options[active];
      if (option) {
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!results.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function render(data, query) {
      results = data.results;
      shownFor = query;
      listbox.replaceChildren(
        ...results.map((model, index) => {
          const option = element("li");
          option.id = `${listbox.id}-${index}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.index = String(index);
          option.append(element("span", "suggestion-title", model.title));
          if (model.lab) option.append(" ", element("span", "suggestion-lab", model.lab.name));
          return option;
        }),
      );
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (results.length) {
        const count = results.length === 1 ? "1 suggestion" : `${results.length} suggestions`;
        say(`${count}${data.more ? ", more if you type more" : ""}. Use the up and down arrows to choose.`, false);
        open();
        if (pendingStep) setActive(pendingStep > 0 ? 0 : results.length - 1);
      } else {
        close();
        say(`No model’s name contains “${query}”.`, true);
      }
      pendingStep = 0;
    }

    async function suggest(query) {
      if (request) request.abort();
      request = new AbortController();
      const params = new URLSearchParams({ q: query, limit: String(LIMIT) });
      try {
        const response = await fetch(`${url}?${params}`, {
          signal: request.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = await response.json();
        if (typed() === query) render(data, query);
      } catch (error) {
        if (error.name === "AbortError") return;
        results = [];
        close();
        say("Suggestions are unavailable: type a model’s name or slug and press Compare.", true);
      }
    }

    function refresh(now) {
      clearTimeout(timer);
      const query = typed();
      if (!query) {
        if (request) request.abort();
        results = [];
        shownFor = null;
        close();
        say("", false);
        return;
      }
      if (query === shownFor) {
        open();
        return;
      }
      timer = setTimeout(() => suggest(query), now ? 0 : DELAY_MS);
    }

    function choose(index) {
      const model = results[index];
      if (!model) return;
      input.value = model.title;
      slugField.value = model.slug;
      slugField.disabled = false;
      shownFor = null; // Down again asks for what the box now says
      close();
      say(`${model.title} chosen.`, false);
    }

    input.addEventListener("input", () => {
      slugField.value = "";
      pendingStep = 0;
      refresh(false);
    });

    input.addEventListener("keydown", (event) => {
      if (event.isComposing) return;
      const count = results.length;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp": {
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          if (!isOpen()) {
            if (typed() !== shownFor) {
              pendingStep = event.altKey ? 0 : step;
              refresh(true); // fetch, then open
              return;
            }
            open();
            if (event.altKey) return;
          }
          if (!count) return;
          const start = active < 0 ? (step > 0 ? -1 : count) : active;
          setActive((start + step + count) % count);
          return;
        }
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault(); // choose, don't submit yet
            choose(active);
          }
          return;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          }
          return;
        case "Tab":
          close();
          return;
        default:
      }
    });

    input.addEventListener("blur", () => close());
    // Keep the focus in the box while the pointer picks a suggestion.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) choose(Number(option.dataset.index));
    });
  }

  document.querySelectorAll("form.picker[data-suggest-url]").forEach((form) => {
    form.querySelectorAll("input[data-model-input]").forEach((input) => combobox(form, input));
    // An empty slug field would only add "&a_slug=" to the address.
    form.addEventListener("submit", () => {
      form.querySelectorAll('input[type="hidden"][name$="_slug"]').forEach((field) => {
        field.disabled = !field.value;
      });
    });
  });
})();
