// 分享赚: what the promoter earns by sharing one product (previewShareCard),
// and the share code that attributes the buyer's order to them: signed by
// the server (POST /v1/share/encode, which holds the key), or, only when the
// phone is offline, made here without a signature (encodeShareCode).
// decodeShareCode reads a code when the page is opened from a share.
const sharecart = require('../../miniprogram_npm/sharecart/sharecart.js');
const { PROMOTER_ID, titles, demoRequest } = require('../../data/demo-cart.js');
const { SHARE_SERVER, REQUEST_TIMEOUT_MS } = require('../../config.js');

const CHANNEL = { group: '微信群', moments: '朋友圈', private: '私聊', poster: '海报', qr: '小程序码' };

// One code from the server. Resolves to {code, offline}; rejects with the
// server's {code, path, message} (or a description of a bad answer).
// `fail` is wx.request's word for "no answer at all" (no network, DNS,
// timeout): only then is the code made on the phone, unsigned. A server
// that answers with an error is not offline: its error is shown instead,
// so a misconfigured server never silently turns into unsigned codes.
function serverCode(fields) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${SHARE_SERVER}/v1/share/encode`,
      method: 'POST',
      header: { 'content-type': 'application/json' },
      data: { fields },
      timeout: REQUEST_TIMEOUT_MS,
      success(res) {
        const body = res.data || {};
        if (res.statusCode === 200 && typeof body.code === 'string') resolve({ code: body.code, offline: false });
        else reject(body.error || { code: `http${res.statusCode}`, path: '', message: 'unexpected answer from the share server' });
      },
      fail() {
        try {
          resolve({ code: sharecart.encodeShareCode(fields), offline: true });
        } catch (error) {
          reject(error);
        }
      },
    });
  });
}

Page({
  data: {
    loading: true,
    error: '',
    title: '',
    preview: null,
    sharerEarns: '',
    sharedBy: '',
    groupCode: '',
    sceneCode: '',
    shareNote: '',
    signed: false,
  },

  onLoad(options) {
    getApp().engine().then(() => this.show(options), (error) => {
      this.setData({ loading: false, error: error.message });
    });
  },

  show(options) {
    const request = demoRequest();
    let line = request.lines.filter((l) => l.id === options.lineId)[0] || request.lines[0];
    let sharedBy = '';
    // Opened from a share: a path query `s=CODE`, or the `scene` of a
    // 小程序码 (URL-encoded; decodeShareCode accepts it as it comes).
    const incoming = options.scene || options.s;
    if (incoming && typeof sharecart.decodeShareCode === 'function') {
      try {
        const { fields, verified } = sharecart.decodeShareCode(incoming);
        line = request.lines.filter((l) => l.skuId === fields.targetId)[0] || line;
        sharedBy = `推手 ${fields.promoterId} 通过${CHANNEL[fields.channel] || fields.channel}分享`
          + (verified ? '（已验签）' : '');
        // A real app sends the code with the order so the server can verify
        // it (with its key) and attribute the commission.
      } catch (error) {
        sharedBy = `分享码无效：${error.code}`;
      }
    }

    // The preview takes exactly one selected line; best coupons are forced.
    request.lines = [Object.assign({}, line, { quantity: 1, selected: true })];
    let preview;
    try {
      preview = sharecart.previewShareCard(request);
    } catch (error) {
      this.setData({ loading: false, error: `${error.code} @ ${error.path}: ${error.message}` });
      return;
    }
    const sharer = preview.earnings.filter((e) => e.role === 'sharer')[0];
    const data = {
      loading: false,
      title: titles[line.skuId] || line.skuId,
      preview,
      sharerEarns: sharer ? sharer.amount : '0.00',
      sharedBy,
      groupCode: '',
      sceneCode: '',
      shareNote: '',
    };
    if (typeof sharecart.encodeShareCode !== 'function') {
      data.shareNote = '这个 sharecart 构建还没有分享码函数（encodeShareCode），请重新构建。';
    }
    this.setData(data);
    if (!data.shareNote) this.requestCodes(line.skuId);
  },

  // The group-share code and the 小程序码 scene code (at most 32 characters,
  // so it fits a scene as it is), both from the server when it answers.
  requestCodes(skuId) {
    const fields = { page: 'item', targetId: skuId, promoterId: PROMOTER_ID, issuedAt: Date.now() };
    return Promise.all(['group', 'qr'].map((channel) => serverCode(Object.assign({ channel }, fields)))).then(([group, scene]) => {
      const offline = group.offline || scene.offline;
      this.setData({
        groupCode: group.code,
        sceneCode: scene.code,
        // Read from the code itself: a server without a key answers unsigned codes.
        signed: sharecart.decodeShareCode(group.code).signed && sharecart.decodeShareCode(scene.code).signed,
        shareNote: offline ? '离线：分享码未签名，联网后重新生成，服务器才会为它计佣。' : '',
      });
    }, (error) => {
      this.setData({ groupCode: '', sceneCode: '', signed: false, shareNote: `分享码服务出错：${error.code}${error.path ? ` @ ${error.path}` : ''}: ${error.message}` });
    });
  },

  onCopy(event) {
    wx.setClipboardData({ data: event.currentTarget.dataset.code });
  },

  onShareAppMessage() {
    const { title, preview, groupCode } = this.data;
    return {
      title: preview ? `${title} 券后 ¥${preview.finalAmount}` : title,
      path: groupCode ? `/pages/share/index?s=${groupCode}` : '/pages/cart/index',
    };
  },
});
