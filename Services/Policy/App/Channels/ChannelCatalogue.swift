import Foundation

/// The two content channels, their sections and the kinds of item each section holds.
enum ChannelCatalogue {
    enum Channel: String, Codable, Sendable, CaseIterable {
        /// 企业便利化 (manual 1.7).
        case facilitation
        /// 营商资讯 (manual 1.8).
        case business
    }

    enum Section: String, Codable, Sendable, CaseIterable {
        // 企业便利化
        case enterpriseStartup, investment, construction, electricity, realEstate, financing, tax, smeServices
        // 营商资讯
        case industrialParks, opportunities, talent

        var channel: Channel {
            switch self {
            case .industrialParks, .opportunities, .talent: .business
            default: .facilitation
            }
        }

        var name: String {
            switch self {
            case .enterpriseStartup: "企业开办"
            case .investment: "企业投资"
            case .construction: "工程建设"
            case .electricity: "用电"
            case .realEstate: "不动产"
            case .financing: "融资"
            case .tax: "纳税"
            case .smeServices: "中小微服务"
            case .industrialParks: "产业园区"
            case .opportunities: "我的商机"
            case .talent: "人才服务"
            }
        }

        /// The kinds of item the section holds.
        var kinds: [Kind] {
            switch self {
            case .industrialParks, .opportunities: [.article]
            case .talent: [.link, .subsidy, .regulation]
            default: [.guide, .entry, .manual, .news]
            }
        }
    }

    enum Kind: String, Codable, Sendable, CaseIterable {
        /// 办事指南
        case guide
        /// 业务入口: an outbound link.
        case entry
        /// 用户手册
        case manual
        /// 政策资讯
        case news
        /// An article (产业园区, 我的商机).
        case article
        /// 就业网 / 创业网: an outbound link.
        case link
        /// 人才补贴
        case subsidy
        /// 政策法规
        case regulation

        var name: String {
            switch self {
            case .guide: "办事指南"
            case .entry: "业务入口"
            case .manual: "用户手册"
            case .news: "政策资讯"
            case .article: "资讯"
            case .link: "链接"
            case .subsidy: "人才补贴"
            case .regulation: "政策法规"
            }
        }

        /// Whether the item is an outbound link (its `url` is required and its body optional).
        var isLink: Bool { self == .entry || self == .link }
    }
}
