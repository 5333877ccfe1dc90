/*
 * A StructBlock, or a rich text, drawn when the editor first opens it (cms/outline.py says why
 * and how).
 *
 * The server gives such a block the state {outline: true, state, stored, labels}: `state` is
 * what Wagtail's own definition would draw, `stored` the block's stored value (JSON) that an
 * unopened block posts back in one hidden field, `labels` the text of each field for the
 * collapsed heading (a rich text has none: its heading is read from `state`, the editor's
 * content). Any other state is drawn at once by Wagtail's definition.
 */
(() => {
  const { FieldBlockDefinition, StructBlockDefinition } = window.wagtailStreamField.blocks;
  const STORED_VALUE_SUFFIX = 'outline';
  const LABEL_FIELD = /\{(\w+)\}/g;
  const blocksOfForm = new WeakMap();
  let commentedPaths = null;

  /* Wagtail's widgets truncate a label this way (getTextLabel). */
  const truncate = (text, maxLength) => {
    const trimmed = String(text).trim();
    return maxLength && trimmed.length > maxLength
      ? `${trimmed.substring(0, maxLength - 1)}…`
      : trimmed;
  };

  /* A field's text as Wagtail's blocks give it: a list's items joined while they fit
     (ListBlock.getTextLabel), any other text truncated. */
  const fieldLabel = (label, maxLength) => {
    if (!Array.isArray(label)) return label ? truncate(label, maxLength) : '';
    let joined = '';
    for (const item of label.map((each) => truncate(each, maxLength))) {
      if (!joined) {
        joined = item;
      } else if (maxLength && `${joined}, ${item}`.length > maxLength - 1) {
        return joined.endsWith('…') ? joined : `${joined}…`;
      } else {
        joined = `${joined}, ${item}`;
      }
    }
    return joined;
  };

  /* Content paths that carry a comment: a block holding one is drawn at once, so that Wagtail's
     comments find their field. */
  const hasComment = (element) => {
    if (!window.comments || !window.comments.getContentPath) return false;
    if (commentedPaths === null) {
      const script = document.getElementById('comments-data');
      const data = script ? JSON.parse(script.textContent) : {};
      commentedPaths = (data.comments || []).map((comment) => comment.contentpath);
    }
    const path = window.comments.getContentPath(element);
    return (
      Boolean(path) &&
      commentedPaths.some(
        (commented) => commented === path || commented.startsWith(`${path}.`),
      )
    );
  };

  /* One listener per form: opened blocks the editor has not changed post their stored value in
     place of their fields, where an unopened block's hidden field would be, so that the form's
     data reads the same as before they were opened (Wagtail compares it whole to tell an edit). */
  const postStoredValues = (formData, blocks) => {
    const unchanged = Array.from(blocks).filter((block) => block.isOpenedAndUnchanged());
    if (!unchanged.length) return;
    const entries = Array.from(formData.entries());
    const rewritten = [];
    const replaced = new Set();
    entries.forEach(([name, value]) => {
      const block = unchanged.find(
        (each) => name === each.prefix || name.startsWith(`${each.prefix}-`),
      );
      if (!block) {
        rewritten.push([name, value]);
      } else if (!replaced.has(block)) {
        replaced.add(block);
        rewritten.push([block.storedInput.name, block.outline.stored]);
      }
    });
    new Set(entries.map(([name]) => name)).forEach((name) => formData.delete(name));
    rewritten.forEach(([name, value]) => formData.append(name, value));
  };

  const watchForm = (form, block) => {
    if (!form) return;
    let blocks = blocksOfForm.get(form);
    if (!blocks) {
      blocks = new Set();
      blocksOfForm.set(form, blocks);
      form.addEventListener('formdata', (event) => postStoredValues(event.formData, blocks));
    }
    blocks.add(block);
  };

  class OutlineStructBlock {
    /* Wagtail's own drawing of the block, called on first open. */
    static baseDefinition = StructBlockDefinition;

    constructor(blockDef, placeholder, prefix, outline, capabilities) {
      this.blockDef = blockDef;
      this.prefix = prefix;
      this.outline = outline;
      this.capabilities = capabilities;
      this.block = null;

      this.element = document.createElement('div');
      this.element.dataset.outlineBlock = '';
      this.storedInput = document.createElement('input');
      this.storedInput.type = 'hidden';
      this.storedInput.name = `${prefix}-${STORED_VALUE_SUFFIX}`;
      this.storedInput.value = outline.stored;
      this.element.append(this.storedInput);
      placeholder.replaceWith(this.element);

      const panel = this.element.closest('[data-panel]');
      this.toggle = panel && panel.querySelector('[data-panel-toggle]');
      if (!this.toggle || hasComment(this.element)) {
        this.open();
        return;
      }
      this.onToggle = (event) => {
        if (event.detail && event.detail.expanded) this.open();
      };
      this.toggle.addEventListener('wagtail:panel-toggle', this.onToggle);
      watchForm(this.element.closest('form'), this);
      // Wagtail collapses a stream's children as it draws them; one left open is drawn.
      queueMicrotask(() => {
        if (this.toggle.getAttribute('aria-expanded') === 'true') this.open();
      });
    }

    open() {
      if (this.block) return this.block;
      if (this.toggle) this.toggle.removeEventListener('wagtail:panel-toggle', this.onToggle);
      const placeholder = document.createElement('div');
      this.element.replaceWith(placeholder);
      this.block = this.constructor.baseDefinition.prototype.render.call(
        this.blockDef,
        placeholder,
        this.prefix,
        this.outline.state,
        undefined,
        this.capabilities,
      );
      this.drawnState = JSON.stringify(this.block.getState());
      return this.block;
    }

    isOpenedAndUnchanged() {
      return this.block !== null && JSON.stringify(this.block.getState()) === this.drawnState;
    }

    setState(state) {
      if (state && state.outline) {
        if (!this.block) {
          this.outline = state;
          this.storedInput.value = state.stored;
          return;
        }
        this.block.setState(state.state);
        return;
      }
      this.open().setState(state);
    }

    setError(error) {
      // Wagtail opens the panel of a block with an error (BaseSequenceChild.setError).
      if (error) this.open().setError(error);
    }

    getState() {
      return this.block ? this.block.getState() : this.outline;
    }

    getDuplicatedState() {
      return this.open().getDuplicatedState();
    }

    getValue() {
      return this.open().getValue();
    }

    getTextLabel(opts) {
      if (this.block) return this.block.getTextLabel(opts);
      const maxLength = opts && opts.maxLength;
      const { labels } = this.outline;
      const { labelFormat } = this.blockDef.meta;
      if (typeof labelFormat === 'string') {
        return labelFormat.replace(LABEL_FIELD, (field, name) =>
          fieldLabel(labels[name], maxLength),
        );
      }
      const first = this.blockDef.childBlockDefs
        .map((childDef) => fieldLabel(labels[childDef.name], maxLength))
        .find(Boolean);
      return first || null;
    }

    setCapabilityOptions(capability, options) {
      if (this.block && this.block.setCapabilityOptions) {
        this.block.setCapabilityOptions(capability, options);
        return;
      }
      if (this.capabilities && this.capabilities.has(capability)) {
        Object.assign(this.capabilities.get(capability), options);
      }
    }

    focus(opts) {
      this.open().focus(opts);
    }
  }

  /* A rich text of the stream: its heading is the text of its paragraphs, read from the
     editor's content as Draftail's widget reads it (getTextLabel). */
  class OutlineRichTextBlock extends OutlineStructBlock {
    static baseDefinition = FieldBlockDefinition;

    getDuplicatedState() {
      // Wagtail's field blocks have no duplicated state of their own: their state is copied.
      return this.open().getState();
    }

    getTextLabel(opts) {
      if (this.block) return this.block.getTextLabel(opts);
      const maxLength = opts && opts.maxLength;
      const content = this.outline.state ? JSON.parse(this.outline.state) : null;
      const text = ((content && content.blocks) || [])
        .map((paragraph) => paragraph.text)
        .filter(Boolean)
        .join(' ');
      return maxLength && text.length > maxLength
        ? `${text.substring(0, maxLength - 1)}…`
        : text;
    }
  }

  /* Wagtail's definition `BaseDefinition`, drawing a block whose state is an outline as
     `OutlineBlock` (drawn on first open), any other state (or a block with an error) at once. */
  const outlineDefinition = (BaseDefinition, OutlineBlock) =>
    class extends BaseDefinition {
      render(placeholder, prefix, initialState, initialError, capabilities) {
        if (!initialState || !initialState.outline || initialError) {
          const state =
            initialState && initialState.outline ? initialState.state : initialState;
          return super.render(placeholder, prefix, state, initialError, capabilities);
        }
        return new OutlineBlock(this, placeholder, prefix, initialState, capabilities);
      }
    };

  window.telepath.register(
    'cms.blocks.OutlineStructBlock',
    outlineDefinition(StructBlockDefinition, OutlineStructBlock),
  );
  window.telepath.register(
    'cms.blocks.OutlineRichTextBlock',
    outlineDefinition(FieldBlockDefinition, OutlineRichTextBlock),
  );
})();
