// The component libraries the generated pages (tests/generated/) compose their shells from, as one
// prebuilt bundle: generated pages import it from /gallery/generated/libs.js (no network at run time).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { createApp, h as vueH, reactive, nextTick } from 'vue';
import { LitElement } from 'lit';

export { React, createRoot, flushSync, createApp, vueH, reactive, nextTick, LitElement };
