// Where the sharecart HTTP service runs (docs/server.md): the share page asks
// its POST /v1/share/encode for codes signed with the server's key, which
// never ships in the mini-program. A released mini-program needs an https
// URL listed under 开发管理 → 服务器域名 (request 合法域名); DevTools accepts
// this local one because project.config.json sets urlCheck: false.
//   target/server/sharecart serve --bind 127.0.0.1:8787 --share-key-file share.key
module.exports = {
  SHARE_SERVER: 'http://127.0.0.1:8787',
  // wx.request gives up after this long; the page then treats the phone as offline.
  REQUEST_TIMEOUT_MS: 5000,
};
