export {
  resolveViewerAsset,
  serveViewerAsset,
  VIEWER_CSP,
  VIEWER_STATIC_DIR,
  type ViewerAsset,
} from "./viewer-assets.js";
