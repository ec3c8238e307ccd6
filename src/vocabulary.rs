//! One declaration per closed vocabulary: the enum, its wire names (serde,
//! the JSON writer and TypeScript), `ALL` in declaration order, `as_str`
//! and `from_name`, so a name is spelled once.

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub enum $name {
            $($(#[$variant_meta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value with this wire name.
            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == name)
            }
        }

        // Wire names are plain ASCII words: nothing to escape.
        impl crate::json::WriteJson for $name {
            fn write_json(&self, out: &mut String) {
                out.push('"');
                out.push_str(self.as_str());
                out.push('"');
            }
        }
    };
}

pub(crate) use vocabulary;

/// A serde type of the wire: camelCase fields, TypeScript declarations in
/// wasm builds; extra derives in brackets first (`wire_type!([Default] …)`).
macro_rules! wire_type {
    ([$($extra:ident),*] $item:item) => {
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize $(, $extra)*)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase")]
        $item
    };
}

pub(crate) use wire_type;
