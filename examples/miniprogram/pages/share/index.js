// 分享赚: what the promoter earns by sharing one product (previewShareCard),
// and the share code that attributes the buyer's order to them
// (encodeShareCode; decodeShareCode when the page is opened from a share).
const sharecart = require('../../miniprogram_npm/sharecart/sharecart.js');
const { PROMOTER_ID, titles, demoRequest } = require('../../data/demo-cart.js');

const CHANNEL = { group: '微信群', moments: '朋友圈', private: '私聊', poster: '海报', qr: '小程序码' };

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
    if (typeof sharecart.encodeShareCode === 'function') {
      const fields = { page: 'item', targetId: line.skuId, promoterId: PROMOTER_ID, issuedAt: Date.now() };
      try {
        data.groupCode = sharecart.encodeShareCode(Object.assign({ channel: 'group' }, fields));
        // At most 32 characters: fits the scene of a 小程序码 as it is.
        data.sceneCode = sharecart.encodeShareCode(Object.assign({ channel: 'qr' }, fields));
      } catch (error) {
        data.shareNote = `${error.code} @ ${error.path}: ${error.message}`;
      }
    } else {
      data.shareNote = '这个 sharecart 构建还没有分享码函数（encodeShareCode），请重新构建。';
    }
    this.setData(data);
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
